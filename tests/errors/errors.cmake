# tests/errors: one malformed book per error, NAME.json, with its exact expected standard
# error in NAME.err (`NAME.json: place: message`). Each is one CTest test that runs
# `arlab check NAME.json` and wants exit code 1, nothing on stdout and exactly NAME.err.
# Labels `unit;cli`: the sanitizer build runs them too.
if(TARGET arlab)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  if(EMSCRIPTEN)
    set(_arlab_errors_command "node $<TARGET_FILE:arlab>")
    set(_arlab_errors_labels "unit;cli;wasm")
    set(_arlab_errors_prefix "wasm.errors.")
  else()
    set(_arlab_errors_command "$<TARGET_FILE:arlab>")
    set(_arlab_errors_labels "unit;cli")
    set(_arlab_errors_prefix "errors.")
  endif()
  file(GLOB _arlab_error_books CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.json)
  foreach(book ${_arlab_error_books})
    get_filename_component(name ${book} NAME_WE)
    add_test(NAME ${_arlab_errors_prefix}${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../cli/run_tests.py
                     --arlab ${_arlab_errors_command} --error-fixture ${book})
    set_tests_properties(${_arlab_errors_prefix}${name} PROPERTIES
                         LABELS "${_arlab_errors_labels}" ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endforeach()
  # policies/: one malformed simulator policy per error, NAME.json and NAME.err, each run as
  # `arlab simulate book.json --policy NAME.json` (book.json is the folder's book).
  file(GLOB _arlab_error_policies CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/policies/*.json)
  list(FILTER _arlab_error_policies EXCLUDE REGEX "/book\\.json$")
  foreach(policy ${_arlab_error_policies})
    get_filename_component(name ${policy} NAME_WE)
    add_test(NAME ${_arlab_errors_prefix}policy.${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../cli/run_tests.py
                     --arlab ${_arlab_errors_command} --policy-fixture ${policy})
    set_tests_properties(${_arlab_errors_prefix}policy.${name} PROPERTIES
                         LABELS "${_arlab_errors_labels}" ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endforeach()
  # scenarios/: one malformed training scenario per error, NAME.json and NAME.err, each run as
  # `arlab train NAME.json --passive` (docs/TRAINING.md).
  file(GLOB _arlab_error_scenarios CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/scenarios/*.json)
  foreach(scenario ${_arlab_error_scenarios})
    get_filename_component(name ${scenario} NAME_WE)
    add_test(NAME ${_arlab_errors_prefix}scenario.${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../cli/run_tests.py
                     --arlab ${_arlab_errors_command} --scenario-fixture ${scenario})
    set_tests_properties(${_arlab_errors_prefix}scenario.${name} PROPERTIES
                         LABELS "${_arlab_errors_labels}" ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endforeach()
endif()
