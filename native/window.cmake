# The desktop window shell: `arlab-gui` = native/main.cpp + native/platform_native.cpp + the
# glfw / opengl3 backends of Dear ImGui, around the shared UI (arlab_app).
#   ./build/arlab-gui [--book PATH] [--frames N --screenshot OUT.ppm]
find_package(OpenGL REQUIRED)
find_package(Threads REQUIRED)  # The save writer thread, the simulator's workers.
find_package(PkgConfig QUIET)
find_package(glfw3 QUIET)
if(NOT TARGET glfw AND PkgConfig_FOUND)
  pkg_check_modules(GLFW3 IMPORTED_TARGET glfw3)
endif()
if(NOT TARGET glfw AND NOT TARGET PkgConfig::GLFW3)
  message(STATUS "native: GLFW not found (libglfw3-dev): arlab-gui not built")
  return()
endif()

add_executable(arlab-gui
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform_native.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sim_work_native.cpp
  ${ARLAB_IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${ARLAB_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
# Next to the CLI at the top of the build folder: ./build/arlab-gui.
set_target_properties(arlab-gui PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
target_include_directories(arlab-gui PRIVATE ${CMAKE_SOURCE_DIR} ${ARLAB_IMGUI_DIR}/backends)
target_link_libraries(arlab-gui PRIVATE arlab_app OpenGL::GL Threads::Threads ${CMAKE_DL_LIBS})
if(TARGET glfw)
  target_link_libraries(arlab-gui PRIVATE glfw)
else()
  target_link_libraries(arlab-gui PRIVATE PkgConfig::GLFW3)
endif()
