# tests/cli: golden tests of the `arlab` command line (label `cli`). Each NAME.test file is
# one CTest test, run by run_tests.py against the built tool (see run_tests.py for the
# format). Under Emscripten the same files run against arlab.js under node.
if(TARGET arlab)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  if(EMSCRIPTEN)
    set(ARLAB_CLI_COMMAND "node $<TARGET_FILE:arlab>")
    set(_arlab_cli_labels "cli;wasm")
    set(_arlab_cli_prefix "wasm.cli.")
  else()
    set(ARLAB_CLI_COMMAND "$<TARGET_FILE:arlab>")
    set(_arlab_cli_labels "cli")
    set(_arlab_cli_prefix "cli.")
  endif()
  file(GLOB _arlab_cli_tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.test)
  foreach(test_file ${_arlab_cli_tests})
    get_filename_component(name ${test_file} NAME_WE)
    add_test(NAME ${_arlab_cli_prefix}${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_tests.py
                     --arlab ${ARLAB_CLI_COMMAND} ${test_file})
    set_tests_properties(${_arlab_cli_prefix}${name} PROPERTIES LABELS "${_arlab_cli_labels}"
                         ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endforeach()
  # The real IBM export lives outside the repository (../shared/data): tested when present.
  if(EXISTS ${CMAKE_SOURCE_DIR}/../shared/data/ibm-accounts-receivable.csv)
    add_test(NAME ${_arlab_cli_prefix}import-ibm
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_tests.py
                     --arlab ${ARLAB_CLI_COMMAND} ${CMAKE_CURRENT_LIST_DIR}/data/import-ibm.test)
    set_tests_properties(${_arlab_cli_prefix}import-ibm PROPERTIES LABELS "${_arlab_cli_labels}"
                         ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endif()
endif()
