# tests/core: doctest unit tests of the core (and a few through io/book_json.h).
# One executable, `arlab_tests`, one TEST_SUITE per module; CTest runs each suite as its own
# test (label `unit`). Under Emscripten, wasm.cmake includes this file: the same sources
# build to arlab_tests.js, which the native build runs with node (no CTest test here).
if(TARGET arlab_tests)
  return()
endif()
set(ARLAB_CORE_TEST_SUITES money date book aging edit generate io metrics statement refund budget commission
    cells file credit collection late_charges credit_score worklist casefile dunning letters
    simulate policy policy_json events training exercises call)
add_executable(arlab_tests
  ${CMAKE_CURRENT_LIST_DIR}/test_main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_money.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_date.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_book.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_book_errors.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_aging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_edit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_generate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_metrics.cpp ${CMAKE_CURRENT_LIST_DIR}/test_statement.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_refund.cpp ${CMAKE_CURRENT_LIST_DIR}/test_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_csv_import.cpp ${CMAKE_CURRENT_LIST_DIR}/test_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_commission.cpp ${CMAKE_CURRENT_LIST_DIR}/test_credit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_collection.cpp ${CMAKE_CURRENT_LIST_DIR}/test_late_charges.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_credit_score.cpp ${CMAKE_CURRENT_LIST_DIR}/test_worklist.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_file_kind.cpp ${CMAKE_CURRENT_LIST_DIR}/test_casefile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_dunning.cpp ${CMAKE_CURRENT_LIST_DIR}/test_letters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_simulate.cpp ${CMAKE_CURRENT_LIST_DIR}/test_policy_sim.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_policy_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_training.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_training_exercises.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_training_call.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_training_class.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_book_json.cpp ${CMAKE_CURRENT_LIST_DIR}/test_book_json_fast.cpp)
target_include_directories(arlab_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${ARLAB_TP_INCLUDE})
target_link_libraries(arlab_tests PRIVATE arlab_core arlab_io arlab_assets)

if(NOT EMSCRIPTEN)
  # `file` (write_file_atomic on disk) needs FIFOs, sockets, flock and rlimits: native only.
  target_sources(arlab_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/test_file.cpp)
endif()

if(EMSCRIPTEN)
  # Synchronous compilation: node runs the .js directly and gets doctest's exit code.
  # -fexceptions: doctest's REQUIRE throws; Emscripten disables catching by default.
  target_compile_options(arlab_tests PRIVATE -fexceptions)
  target_link_options(arlab_tests PRIVATE -fexceptions
    -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
  return()
endif()

foreach(suite ${ARLAB_CORE_TEST_SUITES})
  add_test(NAME unit.${suite} COMMAND arlab_tests --test-suite=${suite} --no-version)
  set_tests_properties(unit.${suite} PROPERTIES LABELS unit)
endforeach()
# Catches a TEST_CASE outside every suite above (it would otherwise never run in CTest).
string(REPLACE ";" "," _arlab_suites "${ARLAB_CORE_TEST_SUITES}")
add_test(NAME unit.suites_complete
  COMMAND arlab_tests --test-suite-exclude=${_arlab_suites} --count)
set_tests_properties(unit.suites_complete PROPERTIES LABELS unit
  PASS_REGULAR_EXPRESSION "passing the current filters: 0")
