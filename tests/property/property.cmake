# tests/property: invariants on many seeded books (label `property`), and a digest that the
# native and WebAssembly builds must print byte for byte (wasm.cmake compares them).
add_executable(arlab_property ${CMAKE_CURRENT_LIST_DIR}/property_test.cpp)
target_include_directories(arlab_property PRIVATE
  ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/../core ${ARLAB_TP_INCLUDE})
target_link_libraries(arlab_property PRIVATE arlab_core arlab_io)

if(EMSCRIPTEN)  # Built for node only; the native build compares its digest (wasm.cmake).
  # -fexceptions: doctest's REQUIRE throws; Emscripten disables catching by default.
  target_compile_options(arlab_property PRIVATE -fexceptions)
  target_link_options(arlab_property PRIVATE -fexceptions
    -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
  return()
endif()
add_test(NAME property.invariants COMMAND arlab_property --no-version)
set_tests_properties(property.invariants PROPERTIES LABELS "property" TIMEOUT 900)
