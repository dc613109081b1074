# The desktop smoke test (label `desktop`): arlab-gui under Xvfb renders 30 frames and writes
# a screenshot that must not be blank. Skipped (exit 77) without arlab-gui, Xvfb or ImageMagick.
if(EMSCRIPTEN)
  return()
endif()
if(TARGET arlab-gui)
  set(_arlab_gui $<TARGET_FILE:arlab-gui>)
else()
  set(_arlab_gui ${CMAKE_BINARY_DIR}/arlab-gui)  # Absent: the script reports a skip.
endif()
add_test(NAME desktop.smoke
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/desktop/smoke.sh ${_arlab_gui}
          ${CMAKE_CURRENT_SOURCE_DIR}/desktop/artifacts)
set_tests_properties(desktop.smoke PROPERTIES
  LABELS desktop SKIP_RETURN_CODE 77 TIMEOUT 300)
