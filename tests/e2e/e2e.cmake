# The browser end-to-end test (label `e2e`): Debian chromium + playwright-core drive the web
# build in ARLAB_WEB_BUILD_DIR (scripts/test.sh passes -DARLAB_WEB_BUILD_DIR=<build-web>) and
# compare its totals with this build's CLI. Skipped (exit 77) when the web build, chromium
# or playwright-core (scripts/setup.sh installs it) is missing.
if(EMSCRIPTEN)
  return()
endif()
set(ARLAB_WEB_BUILD_DIR "${CMAKE_SOURCE_DIR}/build-web" CACHE PATH
    "Emscripten build folder whose web/ the browser test serves")
find_program(ARLAB_NODE node)
if(NOT ARLAB_NODE)
  message(STATUS "e2e: node not found: browser test not registered")
  return()
endif()
if(TARGET arlab)
  set(_arlab_e2e_cli $<TARGET_FILE:arlab>)
else()
  set(_arlab_e2e_cli ${CMAKE_BINARY_DIR}/arlab)
endif()
add_test(NAME e2e.browser
  COMMAND ${ARLAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/e2e.mjs
          --web ${ARLAB_WEB_BUILD_DIR}/web
          --cli ${_arlab_e2e_cli}
          --sample ${CMAKE_SOURCE_DIR}/assets/sample-book.json
          --artifacts ${CMAKE_CURRENT_SOURCE_DIR}/e2e/artifacts)
# RUN_SERIAL: chromium with swiftshader wants both cores; the timeout bounds a hang only.
set_tests_properties(e2e.browser PROPERTIES
  LABELS e2e SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE)

# The README's server (scripts/serve.mjs): requests that do not parse or leave the folder never
# stop it (tests/e2e/serve_test.mjs; node only, no browser).
add_test(NAME e2e.serve COMMAND ${ARLAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/serve_test.mjs)
set_tests_properties(e2e.serve PROPERTIES LABELS e2e TIMEOUT 60)
