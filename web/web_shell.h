// web_shell.h: what web/main.cpp needs from web/platform_web.cpp beyond app/platform.h.
#pragma once

namespace web {

// Mounts IndexedDB at /persist and loads it (async); calls `on_ready` once it is loaded (or
// failed: the app then runs without saving). app::init must wait for it, since
// app::platform::load_saved_book reads what the load brought in.
void start_storage(void (*on_ready)());

// Shows a short load status on the page (the #status element and the title).
void set_page_status(const char* text);

}  // namespace web
