// main.cpp: the desktop window shell, shaped like imgui's examples/example_glfw_opengl3.
//   1. parse options (--book PATH, --frames N --screenshot OUT.ppm for tests)
//   2. create the GLFW window (OpenGL 3.0, GLSL 130) and the ImGui context + backends
//   3. `app::init`, then optionally open --book (and --demo-edits for screenshots); files
//      dropped on the window go to `app::open_file_text`
//   4. loop {poll, new frame, `app::frame`, render}; with --frames, stop after N frames and
//      write the last one to a PPM file
//   5. `app::shutdown` (flushes a waiting save), tear down
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/app_state.h"  // --demo-edits only: the app's shared edit actions.
#include "app/key_taps.h"
#include "app/platform.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

struct Options {
  std::vector<std::string> book_paths;  // --book: opened after the saved / sample book.
  std::string drop_path;   // --drop: as if dropped on the window (a book asks first).
  long frames = 0;         // --frames: 0 = run until the window closes.
  std::string screenshot;  // --screenshot: PPM of the last frame (needs --frames).
  std::string panel;       // --panel: the panel in front (screenshots).
  bool demo_edits = false; // --demo-edits: a few changes, so History has lines (screenshots).
  int width = 1440, height = 900;
  std::vector<std::string> forms;  // --form: app::form_command texts, one every 5 frames.
  std::vector<std::string> sims;   // --sim: app::simulation_command texts, one every 5 frames.
  std::vector<std::string> trainings;  // --training: app::training_command texts, likewise.
};

void usage(FILE* out) {
  std::fprintf(
      out,
      "usage: arlab-gui [--book PATH] [--frames N --screenshot OUT.ppm] [--size WxH]\n"
      "  --book PATH        open this book file (arlab-book/1 JSON); a .csv or .map.json\n"
      "                     goes to Import CSV like a dropped file (repeatable)\n"
      "  --drop PATH        as if PATH were dropped on the window (a book asks first)\n"
      "  --frames N         render N frames, then exit (for tests)\n"
      "  --screenshot FILE  with --frames: write the last frame as a PPM image\n"
      "  --panel NAME       start on dashboard|aging|customer|invoices|metrics|statement|\n"
      "                     import|commission|commission-compare|history|storage|\n"
      "                     invoice|payment|credit-note|write-off|simulation|training\n"
      "  --size WxH         window size (default 1440x900)\n"
      "  --demo-edits       record a payment, an invoice and an undone credit note\n"
      "                     (screenshots of the History panel; saved like any change)\n"
      "  --form JSON        fill or submit the New invoice form (app::form_command),\n"
      "                     one every 5 frames (repeatable; screenshots of its messages)\n"
      "  --sim JSON         a Simulation page command (app::simulation_command), one every\n"
      "                     5 frames (repeatable; screenshots of its results)\n"
      "  --training JSON    a Training tab command (app::training_command), one every 5\n"
      "                     frames (repeatable; screenshots of a game in progress)\n");
}

bool parse_options(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      usage(stdout);
      std::exit(0);
    } else if (arg == "--book" && has_value) {
      o->book_paths.push_back(argv[++i]);
    } else if (arg == "--drop" && has_value) {
      o->drop_path = argv[++i];
    } else if (arg == "--frames" && has_value) {
      o->frames = std::strtol(argv[++i], nullptr, 10);
      if (o->frames <= 0) return false;
    } else if (arg == "--screenshot" && has_value) {
      o->screenshot = argv[++i];
    } else if (arg == "--panel" && has_value) {
      o->panel = argv[++i];
    } else if (arg == "--form" && has_value) {
      o->forms.push_back(argv[++i]);
    } else if (arg == "--sim" && has_value) {
      o->sims.push_back(argv[++i]);
    } else if (arg == "--training" && has_value) {
      o->trainings.push_back(argv[++i]);
    } else if (arg == "--demo-edits") {
      o->demo_edits = true;
    } else if (arg == "--size" && has_value) {
      if (std::sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2) return false;
    } else {
      std::fprintf(stderr, "arlab-gui: unknown or incomplete option '%s'\n", arg.c_str());
      return false;
    }
  }
  if (!o->screenshot.empty() && o->frames == 0) {
    std::fprintf(stderr, "arlab-gui: --screenshot needs --frames N\n");
    return false;
  }
  return true;
}

// The current back buffer as a binary PPM (P6), rows flipped to top-down.
bool write_ppm(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  std::fprintf(f, "P6\n%d %d\n255\n", width, height);
  size_t row = static_cast<size_t>(width) * 3;
  for (int y = height - 1; y >= 0; --y) std::fwrite(&pixels[y * row], 1, row, f);
  return std::fclose(f) == 0;
}

GLFWwindow* create_window(const Options& o) {
  glfwSetErrorCallback([](int code, const char* text) {
    std::fprintf(stderr, "arlab-gui: GLFW error %d: %s\n", code, text);
  });
  if (!glfwInit()) return nullptr;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, "arlab - receivables", nullptr, nullptr);
  if (!window) return nullptr;
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);  // Vsync.
  return window;
}

// A file given with --book or dropped on the window, routed like the browser's drops
// (app::open_file_text): a .csv or .map.json to Import CSV, anything else as a book. A
// dropped book asks "Replace the open book?"; --book, given on the command line, does not.
void open_path(app::State& state, const std::string& path, bool ask_to_replace) {
  std::string text, error;
  if (!app::platform::read_path(path, &text, &error)) {
    std::fprintf(stderr, "arlab-gui: %s\n", error.c_str());
    return;
  }
  app::open_file_text(state, path, text, ask_to_replace);  // Problems show in the app.
}

void on_drop(GLFWwindow* window, int count, const char** paths) {  // The first file only.
  auto* state = static_cast<app::State*>(glfwGetWindowUserPointer(window));
  if (state && count > 0) open_path(*state, paths[0], true);
}

// Through the same actions as the forms and Ctrl+Z (History::apply, undo): a payment from
// the first customer with something open, an invoice to it, and a credit note undone again.
void record_demo_edits(app::State& state) {
  const arlab::Book& book = state.book;
  size_t c = 0;
  while (c < book.customers.size() && state.figures.customers[c].open_minor == 0) ++c;
  if (c == book.customers.size()) return;
  const std::string& customer = book.customers[c].id;
  std::vector<arlab::Problem> problems;
  arlab::NewReceipt payment{false, "P-DEMO-1", customer, state.as_of, 50000, {}};
  arlab::NewInvoice invoice{"INV-DEMO-1", customer, state.as_of, std::nullopt, 120000};
  arlab::NewReceipt credit{true, "CN-DEMO-1", customer, state.as_of, 15000, {}};
  for (const arlab::Edit& edit :
       {arlab::Edit{payment}, arlab::Edit{invoice}, arlab::Edit{credit}}) {
    if (!app::apply_edit(state, edit, &problems)) {
      std::fprintf(stderr, "arlab-gui: demo edit refused: %s\n",
                   problems.empty() ? "?" : problems[0].message.c_str());
    }
  }
  app::undo(state);
}

// In front of the backend's key callback, so a key pressed and released between two frames
// still reaches the UI (app/key_taps.h).
app::KeyTaps g_key_taps;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (g_key_taps.pass(key, action == GLFW_PRESS, action == GLFW_RELEASE)) {
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  }
}

void render_frame(GLFWwindow* window, app::State& state) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app::frame(state);
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.11f, 0.12f, 0.15f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  g_key_taps.after_frame(
      [window](int key) { ImGui_ImplGlfw_KeyCallback(window, key, 0, GLFW_RELEASE, 0); });
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, &options)) {
    usage(stderr);
    return 2;
  }
  GLFWwindow* window = create_window(options);
  if (!window) {
    std::fprintf(stderr, "arlab-gui: could not open a window (no display? try xvfb-run)\n");
    return 1;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  glfwSetKeyCallback(window, on_key);  // Replaces the backend's, which on_key calls.
  ImGui_ImplOpenGL3_Init("#version 130");

  auto state = app::create_state();
  app::init(*state);
  glfwSetWindowUserPointer(window, state.get());
  glfwSetDropCallback(window, on_drop);
  for (const std::string& path : options.book_paths) open_path(*state, path, false);
  if (!options.drop_path.empty()) open_path(*state, options.drop_path, true);
  if (options.demo_edits) {
    app::update_figures(*state);
    record_demo_edits(*state);
  }
  if (!options.panel.empty() && !app::show_panel(*state, options.panel)) {
    std::fprintf(stderr, "arlab-gui: unknown panel '%s' (ignored)\n", options.panel.c_str());
  }

  int exit_code = 0;
  double frame_ms_max = 0, frame_ms_last = 0;  // UI + render time, without the vsync wait.
  for (long n = 1; !glfwWindowShouldClose(window); ++n) {
    glfwPollEvents();
    size_t form = static_cast<size_t>(n / 5);
    if (n % 5 == 0 && form <= options.forms.size()) {
      app::form_command(*state, options.forms[form - 1]);
    }
    if (n % 5 == 0 && form <= options.sims.size()) app::simulation_command(*state, options.sims[form - 1]);
    if (n % 5 == 0 && form <= options.trainings.size() &&
        !app::training_command(*state, options.trainings[form - 1]))
      std::fprintf(stderr, "arlab-gui: --training %s was not taken\n", options.trainings[form - 1].c_str());
    double start = glfwGetTime();
    render_frame(window, *state);
    frame_ms_last = (glfwGetTime() - start) * 1000.0;
    if (n > 3) frame_ms_max = std::max(frame_ms_max, frame_ms_last);  // After start-up frames.
    if (options.frames > 0 && n >= options.frames) {
      std::fprintf(stderr,
                   "arlab-gui: %ld frames; after the first 3: slowest %.1f ms, last %.1f ms\n", n,
                   frame_ms_max, frame_ms_last);
      int w = 0, h = 0;
      glfwGetFramebufferSize(window, &w, &h);
      if (!options.screenshot.empty() && !write_ppm(options.screenshot, w, h)) {
        std::fprintf(stderr, "arlab-gui: could not write %s\n", options.screenshot.c_str());
        exit_code = 1;
      }
      break;
    }
    glfwSwapBuffers(window);
  }

  app::shutdown(*state);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
