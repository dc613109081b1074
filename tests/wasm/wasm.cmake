# tests/wasm: the core tests and the property digest in WebAssembly, run under node.
#
# Web build (emcmake): arlab_tests (core.cmake) and arlab_property (property.cmake) link to
#   .js files in <build>/tests/ that node runs directly (synchronous compilation, exit code
#   passed through).
# Native build: given -DARLAB_WEB_BUILD_DIR=<web build> (scripts/test.sh does it), CTest runs
#   the WASM core tests under node (label `wasm`) and compares the property digest of the
#   native and the WASM build byte for byte (label `property;wasm`).
if(EMSCRIPTEN)
  # tests/CMakeLists.txt includes only this fragment and property.cmake in the web build.
  include(${CMAKE_CURRENT_LIST_DIR}/../core/core.cmake)
  return()
endif()

set(ARLAB_WEB_BUILD_DIR "" CACHE PATH "An Emscripten build of arlab whose tests to run under node")
if(NOT ARLAB_WEB_BUILD_DIR)
  return()
endif()
find_program(ARLAB_NODE node REQUIRED)

add_test(NAME wasm.unit COMMAND ${ARLAB_NODE} ${ARLAB_WEB_BUILD_DIR}/tests/arlab_tests.js
  --no-version --no-colors)
set_tests_properties(wasm.unit PROPERTIES LABELS wasm TIMEOUT 900)

# The past stays put, in WebAssembly too: the same seeded books, cut and compared under node.
add_test(NAME wasm.property_past COMMAND ${ARLAB_NODE} ${ARLAB_WEB_BUILD_DIR}/tests/arlab_property.js
  --no-version --no-colors "--test-case=the past stays put*")
set_tests_properties(wasm.property_past PROPERTIES LABELS "property;wasm" TIMEOUT 900)

add_test(NAME wasm.property_digest COMMAND ${CMAKE_COMMAND}
  -DNATIVE=$<TARGET_FILE:arlab_property>
  -DNODE=${ARLAB_NODE}
  -DWASM=${ARLAB_WEB_BUILD_DIR}/tests/arlab_property.js
  -DOUT=${CMAKE_CURRENT_BINARY_DIR}/property_digest
  -P ${CMAKE_CURRENT_LIST_DIR}/compare_digest.cmake)
set_tests_properties(wasm.property_digest PROPERTIES LABELS "property;wasm" TIMEOUT 900)
