// main.cpp: the browser shell. Shaped like imgui's examples/example_emscripten_opengl3 (1.86),
// with GLFW (built into Emscripten) instead of SDL and WebGL2 (`#version 300 es`).
//   1. create the GLFW window on #canvas and the ImGui context with the glfw + opengl3 backends
//   2. mount IndexedDB and load it (async); only then `app::init` (it reads the saved book)
//   3. run `app::frame` every animation frame (emscripten_set_main_loop_arg)
// The page (web/shell.js) reaches the app through the exported arlab_web_* functions below.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/key_taps.h"
#include "app/platform.h"
#include "app/wheel.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "web/web_shell.h"

extern "C" void arlab_js_set_canvas_size(int width, int height);  // web/library_arlab.js

namespace {

struct Shell {
  GLFWwindow* window = nullptr;
  std::unique_ptr<app::State, void (*)(app::State*)> state{nullptr, nullptr};
  bool running = false;      // app::init done, frames are being drawn.
  long frame_count = 0;
  double pixel_ratio = 0;    // devicePixelRatio the UI is scaled for.
  app::KeyTaps key_taps;     // Key taps between two animation frames (app/key_taps.h).
};

Shell& shell() {
  static Shell s;
  return s;
}

// The canvas fills the window (CSS); its drawing buffer follows in device pixels. GLFW's
// window size is the buffer size and mouse positions come scaled to it, so the UI is
// scaled up by devicePixelRatio to keep its CSS size. The app owns the style (its theme
// and this scale together); the shell only says the scale.
void fit_canvas_to_window() {
  Shell& s = shell();
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  double ratio = emscripten_get_device_pixel_ratio();
  int want_w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
  int want_h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
  int have_w = 0, have_h = 0;
  glfwGetWindowSize(s.window, &have_w, &have_h);
  if (want_w != have_w || want_h != have_h) arlab_js_set_canvas_size(want_w, want_h);
  if (ratio == s.pixel_ratio) return;
  s.pixel_ratio = ratio;
  app::set_ui_scale(*s.state, static_cast<float>(ratio));
}

// In front of the backend's key callback: Playwright's key press, or a quick tap while a
// frame is slow, sends down and up between two animation frames.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (shell().key_taps.pass(key, action == GLFW_PRESS, action == GLFW_RELEASE)) {
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  }
}

void main_loop(void*) {
  Shell& s = shell();
  glfwPollEvents();
  fit_canvas_to_window();
  app::platform::poll();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app::frame(*s.state);
  ImGui::Render();

  int buffer_w = 0, buffer_h = 0;
  glfwGetFramebufferSize(s.window, &buffer_w, &buffer_h);
  glViewport(0, 0, buffer_w, buffer_h);
  glClearColor(0.10f, 0.11f, 0.13f, 1.00f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  // No swap: the browser shows the buffer when this animation frame returns.
  s.key_taps.after_frame(
      [&s](int key) { ImGui_ImplGlfw_KeyCallback(s.window, key, 0, GLFW_RELEASE, 0); });

  if (++s.frame_count == 2) web::set_page_status("ready");
}

// IndexedDB is loaded: the saved book (if any) is readable, so the app may start.
void on_storage_ready() {
  Shell& s = shell();
  web::set_page_status("starting");
  app::init(*s.state);
  // Emscripten's GLFW has no cursor shapes, and setting the cursor mode every frame makes
  // it call exitPointerLock() each time, which Chromium answers with an error.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  s.running = true;
  emscripten_set_main_loop_arg(main_loop, nullptr, 0, false);
}

bool create_window_and_imgui() {
  Shell& s = shell();
  if (!glfwInit()) return false;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  s.window = glfwCreateWindow(1280, 720, "arlab", nullptr, nullptr);
  if (!s.window) return false;
  glfwMakeContextCurrent(s.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // No imgui.ini in the browser's MEMFS.
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(s.window, true);
  glfwSetKeyCallback(s.window, on_key);  // Replaces the backend's, which on_key calls.
  ImGui_ImplOpenGL3_Init("#version 300 es");
  return true;
}

}  // namespace

// Exports for web/shell.js (window.arlab). They answer nothing until the app runs.
extern "C" {

EMSCRIPTEN_KEEPALIVE int arlab_web_ready() { return shell().running ? 1 : 0; }

// A wheel event over the canvas, taken before Emscripten's GLFW port (web/shell.js): its raw
// deltas as ImGui steps (app/wheel.h). ImGui reads them at the next NewFrame.
EMSCRIPTEN_KEEPALIVE void arlab_web_wheel(double dx, double dy, int mode, int shift,
                                          double page_pixels) {
  if (!shell().running) return;
  app::WheelSteps steps = app::wheel_steps(dx, dy, mode, shift != 0, page_pixels);
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += steps.h;
  io.MouseWheel += steps.v;
}

EMSCRIPTEN_KEEPALIVE long arlab_web_frame_count() { return shell().frame_count; }

// JSON of app::query_summary_json; valid until the next call. nullptr before the app runs.
EMSCRIPTEN_KEEPALIVE const char* arlab_web_summary_json() {
  static std::string json;
  if (!shell().running) return nullptr;
  json = app::query_summary_json(*shell().state);
  return json.c_str();
}

// A file the user picked or dropped (ask 1: a book asks "Replace the open book?") or
// window.arlab.openText (ask 0: a book replaces the open one at once): 1 if the app took it
// (a book was read and asked about or replaced the current one; a .csv or .map.json went to
// the Import CSV tab).
EMSCRIPTEN_KEEPALIVE int arlab_web_open_bytes(const char* name, const char* data, int size,
                                              int ask) {
  if (!shell().running || size < 0) return 0;
  std::string_view text(data, static_cast<size_t>(size));
  return app::open_file_text(*shell().state, name ? name : "book.json", text, ask != 0) ? 1 : 0;
}
// Storage > Restore of snapshot `id` (summary().snapshots): 1 if it was read and asked about.
EMSCRIPTEN_KEEPALIVE int arlab_web_restore_snapshot(const char* id) {
  if (!shell().running || !id) return 0;
  return app::restore_snapshot(*shell().state, id) ? 1 : 0;
}

// Brings a panel to the front ("dashboard", "aging", "storage", ...): 1 if the name is known.
EMSCRIPTEN_KEEPALIVE int arlab_web_show_panel(const char* name) {
  if (!shell().running || !name) return 0;
  return app::show_panel(*shell().state, name) ? 1 : 0;
}

// The Case page filled and submitted (app::case_command): 1 if taken.
EMSCRIPTEN_KEEPALIVE int arlab_web_case_command(const char* json) {
  if (!shell().running || !json) return 0;
  return app::case_command(*shell().state, json) ? 1 : 0;
}

// The New invoice form filled, submitted or answered (app::form_command): 1 if taken.
EMSCRIPTEN_KEEPALIVE int arlab_web_form_command(const char* json) {
  if (!shell().running || !json) return 0;
  return app::form_command(*shell().state, json) ? 1 : 0;
}

// The Simulation page from a script (app::simulation_command): 1 if taken. Its state is in
// arlab_web_summary_json's "simulation".
EMSCRIPTEN_KEEPALIVE int arlab_web_simulation_command(const char* json) {
  if (!shell().running || !json) return 0;
  return app::simulation_command(*shell().state, json) ? 1 : 0;
}

// The Training tab from a script (app::training_command): 1 if taken. Its state is in
// arlab_web_summary_json's "training".
EMSCRIPTEN_KEEPALIVE int arlab_web_training_command(const char* json) {
  if (!shell().running || !json) return 0;
  return app::training_command(*shell().state, json) ? 1 : 0;
}

}  // extern "C"

int main(int, char**) {
  web::set_page_status("loading");
  shell().state = app::create_state();
  if (!create_window_and_imgui()) {
    web::set_page_status("error: no WebGL2 context");
    std::fprintf(stderr, "arlab: could not create a WebGL2 context\n");
    return 1;
  }
  web::start_storage(&on_storage_ready);
  return 0;  // The runtime stays alive (no EXIT_RUNTIME); frames start after the load.
}
