// key_taps.h: keeps a quick key tap from being lost between two frames.
//
// Dear ImGui 1.86 keeps only whether a key is down (io.KeysDown[]), and reads it once a frame
// in NewFrame. A key pressed and released between two frames is never seen down, so the press
// is lost: Enter on a confirm button, Backspace in a field, an arrow in a table - typed quickly
// while a frame is slow (a big book, a busy machine), or sent by a test as one key press.
// (Dear ImGui 1.87 added an input queue for this; Debian ships 1.86.)
//
// KeyTaps holds such a release back until a frame has seen the key down. The shells (web/ and
// native/, both GLFW) put it in front of the backend's key callback. No GLFW or ImGui here:
// keys are plain ints, so the rule is tested headless (tests/app).
//
// Usage:
//   KeyTaps taps;
//   on a key event:      if (taps.pass(key, action == PRESS, action == RELEASE))
//                          hand the event to the backend;
//   after each frame:    taps.after_frame([&](int key) { hand the backend a release of key });
#pragma once

#include <algorithm>
#include <vector>

namespace app {

class KeyTaps {
 public:
  // A key went down: the event goes to the backend as it is. A release held back for this key
  // is dropped (the key is down again, so it must stay down).
  void press(int key) {
    held_.erase(std::remove(held_.begin(), held_.end(), key), held_.end());
    if (!contains(pressed_, key)) pressed_.push_back(key);
  }

  // A key went up: true if the release goes to the backend now, false if it is held back
  // because no frame has seen the key down yet.
  bool release(int key) {
    if (!contains(pressed_, key)) return true;
    if (!contains(held_, key)) held_.push_back(key);
    return false;
  }

  // Any key event (a repeat is neither pressed nor released): true if it goes to the backend.
  bool pass(int key, bool pressed, bool released) {
    if (pressed) press(key);
    return !released || release(key);
  }

  // A frame has run (it saw every key pressed before it): hands over the releases held back,
  // in the order they came, and starts the next interval between frames.
  template <class Release>
  void after_frame(Release&& release_now) {
    std::vector<int> held;
    held.swap(held_);
    pressed_.clear();
    for (int key : held) release_now(key);
  }

  bool holding() const { return !held_.empty(); }

 private:
  static bool contains(const std::vector<int>& keys, int key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }

  std::vector<int> pressed_;  // Keys pressed since the last frame.
  std::vector<int> held_;     // Releases waiting for a frame.
};

}  // namespace app
