# tests/app: the headless UI smoke test. Dear ImGui runs with no backend and no window (like
# imgui's examples/example_null): the app draws every panel for ~60 frames, forms are
# submitted, Ctrl+Z / Ctrl+Y are simulated, and app::query_summary_json is checked against
# figures worked out by hand. A fake platform (no files) records the saves.
if(TARGET arlab_app AND NOT EMSCRIPTEN)
  add_executable(arlab_app_tests
    ${CMAKE_CURRENT_LIST_DIR}/test_app.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_layout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_panels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_simulation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_fake.cpp)
  target_include_directories(arlab_app_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${ARLAB_TP_INCLUDE})
  target_link_libraries(arlab_app_tests PRIVATE arlab_app)
  # The CSV import fixtures of tests/cli/books are read from the source tree.
  target_compile_definitions(arlab_app_tests PRIVATE ARLAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME app.smoke COMMAND arlab_app_tests --no-version)
  set_tests_properties(app.smoke PROPERTIES LABELS app)
endif()
