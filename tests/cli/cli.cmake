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
  # Writing commands killed at random moments leave the old or the new file, its mode, and
  # no temporary (issue 9; kill_writes.py). Native: it watches the process in /proc.
  if(NOT EMSCRIPTEN)
    add_test(NAME cli.kill_writes
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/kill_writes.py
                     --arlab $<TARGET_FILE:arlab>)
    set_tests_properties(cli.kill_writes PROPERTIES LABELS cli TIMEOUT 300)
  endif()
  # Hostile files (issue 9; hostile_memory.py): peak memory and message length of arlab on
  # inputs made at run time (a 64 MiB unclosed string, 100,000 levels, a million digits).
  # Native only, and not with the sanitizers (their shadow memory counts too).
  if(NOT EMSCRIPTEN AND NOT ARLAB_SANITIZE)
    add_test(NAME cli.hostile_memory
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/hostile_memory.py
                     --arlab $<TARGET_FILE:arlab> --books ${CMAKE_CURRENT_LIST_DIR}/books)
    set_tests_properties(cli.hostile_memory PROPERTIES LABELS cli TIMEOUT 120)
  endif()
  # The real IBM export lives outside the repository (../shared/data): tested when present.
  if(EXISTS ${CMAKE_SOURCE_DIR}/../shared/data/ibm-accounts-receivable.csv)
    add_test(NAME ${_arlab_cli_prefix}import-ibm
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_tests.py
                     --arlab ${ARLAB_CLI_COMMAND} ${CMAKE_CURRENT_LIST_DIR}/data/import-ibm.test)
    set_tests_properties(${_arlab_cli_prefix}import-ibm PROPERTIES LABELS "${_arlab_cli_labels}"
                         ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
  endif()
endif()
