// shell.js: the page around arlab.js. Loaded before it: sets up `Module`, the load status,
// opening files (picker and drag-and-drop on the canvas) and `window.arlab`, a small query
// API for scripts and tests:
//   arlab.ready()            true once the app draws frames
//   arlab.summary()          parsed app::query_summary_json, null before ready
//   arlab.openText(name, t)  opens a text like a picked file: a book (true if it replaced the
//                            book, at once: scripts are not asked), a .csv or .map.json into
//                            Import CSV (true if read); openText(name, t, {ask: true}) asks
//                            "Replace the open book?" as a picked file does
//   arlab.restoreSnapshot(id) Storage's Restore of summary().snapshots[k].id: asks first
//   arlab.storage()          save state: {saving, pending, last_saved, last_error, ...}
//   arlab.flush()            saves a waiting change now
//   arlab.showPanel(name)    brings a panel to the front ("aging", "storage", ...)
//   arlab.caseCommand(obj)   fills and records the Case page's form (app::case_command)
//   arlab.formCommand(obj)   fills, submits or answers the New invoice form (app::form_command)
//   arlab.simulation(obj)    the Simulation page's actions (app::simulation_command); its state
//                            is summary().simulation
//   arlab.training(obj)      the Training tab's actions (app::training_command); its state is
//                            summary().training
//   arlab.lastOpen()         {count, name, ok}: the last file picked or dropped, once read
'use strict';

(function() {
  var canvas = document.getElementById('canvas');
  var statusEl = document.getElementById('status');

  // Load status: the #status element, the title and body[data-arlab] ("loading", "ready",
  // "error: ...").
  window.arlabSetStatus = function(text) {
    document.body.dataset.arlab = text;
    statusEl.textContent = 'arlab: ' + text;
    statusEl.classList.toggle('error', text.indexOf('error') === 0);
    statusEl.style.display = text === 'ready' ? 'none' : '';
    document.title = text === 'ready' ? 'arlab' : 'arlab (' + text + ')';
  };
  window.arlabSetStatus('loading');

  window.Module = {
    canvas: canvas,
    print: function(text) { console.log(text); },
    printErr: function(text) { console.error(text); },
    onAbort: function(what) { window.arlabSetStatus('error: ' + what); },
    onRuntimeInitialized: function() { runtimeReady = true; },
  };
  var runtimeReady = false;  // The wasm exports exist before they may be called.
  canvas.addEventListener('webglcontextlost', function(e) {
    window.arlabSetStatus('error: WebGL context lost, reload the page');
    e.preventDefault();
  });

  // [SECTION] calls into the wasm (exports of web/main.cpp and web/platform_web.cpp)
  function exported(name) { return runtimeReady && typeof Module[name] === 'function'; }

  function allocString(text) {
    var bytes = new TextEncoder().encode(text);
    return allocBytes(bytes);
  }

  // Copies bytes into the wasm heap (malloc, not the stack: books can be hundreds of MB).
  function allocBytes(bytes) {
    var ptr = Module._malloc(bytes.length + 1);
    if (!ptr) throw new Error('out of memory for ' + bytes.length + ' bytes');
    Module.HEAPU8.set(bytes, ptr);  // Read HEAPU8 after malloc: growth replaces it.
    Module.HEAPU8[ptr + bytes.length] = 0;
    return ptr;
  }

  // ask: a book asks "Replace the open book?" (the user's files) instead of replacing at once.
  function openBytes(name, bytes, ask) {
    if (!exported('_arlab_web_open_bytes') || !Module._arlab_web_ready()) return false;
    var namePtr = allocString(name);
    var dataPtr = 0;
    try {
      dataPtr = allocBytes(bytes);
      return Module._arlab_web_open_bytes(namePtr, dataPtr, bytes.length, ask ? 1 : 0) === 1;
    } finally {
      Module._free(namePtr);
      if (dataPtr) Module._free(dataPtr);
    }
  }

  function jsonFrom(exportName) {
    if (!exported(exportName)) return null;
    var ptr = Module[exportName]();
    return ptr ? JSON.parse(Module.UTF8ToString(ptr)) : null;
  }

  // [SECTION] the mouse wheel: Emscripten 3.1.6's GLFW port passes the browser's raw deltas
  // (pixels, positive = down) where Dear ImGui wants steps (positive = up). This listener
  // runs first (capture on window, before GLFW's on the canvas) and hands the event to
  // arlab_web_wheel (app/wheel.h), which converts it; GLFW never sees it.
  window.addEventListener('wheel', function(event) {
    if (event.target !== canvas || !exported('_arlab_web_wheel')) return;
    event.stopPropagation();
    event.preventDefault();  // The page itself does not scroll.
    Module._arlab_web_wheel(event.deltaX, event.deltaY, event.deltaMode, event.shiftKey ? 1 : 0,
                            canvas.clientHeight);
  }, {capture: true, passive: false});

  window.arlab = {
    ready: function() { return exported('_arlab_web_ready') && Module._arlab_web_ready() === 1; },
    frames: function() {
      return exported('_arlab_web_frame_count') ? Module._arlab_web_frame_count() : 0;
    },
    summary: function() { return jsonFrom('_arlab_web_summary_json'); },
    storage: function() { return jsonFrom('_arlab_web_storage_json'); },
    openText: function(name, text, options) {
      var ask = !!(options && options.ask);
      return openBytes(String(name), new TextEncoder().encode(text), ask);
    },
    restoreSnapshot: function(id) {
      if (!exported('_arlab_web_restore_snapshot') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(String(id));
      try {
        return Module._arlab_web_restore_snapshot(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
    flush: function() { if (exported('_arlab_web_flush')) Module._arlab_web_flush(); },
    showPanel: function(name) {
      if (!exported('_arlab_web_show_panel') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(String(name));
      try {
        return Module._arlab_web_show_panel(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
    caseCommand: function(command) {
      if (!exported('_arlab_web_case_command') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(JSON.stringify(command));
      try {
        return Module._arlab_web_case_command(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
    simulation: function(command) {
      if (!exported('_arlab_web_simulation_command') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(JSON.stringify(command));
      try {
        return Module._arlab_web_simulation_command(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
    training: function(command) {
      if (!exported('_arlab_web_training_command') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(JSON.stringify(command));
      try {
        return Module._arlab_web_training_command(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
    formCommand: function(command) {
      if (!exported('_arlab_web_form_command') || !Module._arlab_web_ready()) return false;
      var ptr = allocString(JSON.stringify(command));
      try {
        return Module._arlab_web_form_command(ptr) === 1;
      } finally {
        Module._free(ptr);
      }
    },
  };

  // [SECTION] opening files: the picker (clicked by the app's Open, Import CSV, Load mapping)
  // and drops on the canvas; the app routes each file by its name (app::open_file_text).
  var lastOpen = {count: 0, name: null, ok: false};
  window.arlab.lastOpen = function() { return Object.assign({}, lastOpen); };

  function openFile(file) {
    file.arrayBuffer().then(function(buffer) {
      // The app shows any problems, and asks before a book replaces the open one.
      var ok = openBytes(file.name, new Uint8Array(buffer), true);
      lastOpen = {count: lastOpen.count + 1, name: file.name, ok: ok};
      canvas.focus();
    }, function(err) {
      console.error('arlab: could not read ' + file.name + ': ' + err);
    });
  }

  document.getElementById('arlab-file').addEventListener('change', function(e) {
    if (e.target.files.length > 0) openFile(e.target.files[0]);
    // Cleared, so that the same file picked again (after "Replace the open book?" was
    // cancelled, say) is a change and is read again.
    e.target.value = '';
  });

  canvas.addEventListener('dragover', function(e) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    document.body.classList.add('dragging');
  });
  canvas.addEventListener('dragleave', function() { document.body.classList.remove('dragging'); });
  canvas.addEventListener('drop', function(e) {
    e.preventDefault();
    document.body.classList.remove('dragging');
    var files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length > 0) openFile(files[0]);
  });

  // The app's shortcuts (Ctrl+S save, Ctrl+O open, Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z undo and
  // redo) must not also save the page, open the browser's file dialog or edit the URL bar;
  // F1 opens the app's Help window, not the browser's help page.
  // GLFW listens on window, so the app still sees the keys; typing in inputs is untouched.
  var appShortcuts = {s: true, o: true, z: true, y: true};
  window.addEventListener('keydown', function(e) {
    var onApp = e.target === canvas || e.target === document.body;
    var key = (e.key || '').toLowerCase();
    if (onApp && (e.ctrlKey || e.metaKey) && !e.altKey && appShortcuts[key]) {
      e.preventDefault();
    }
    if (onApp && e.key === 'F1') e.preventDefault();
  }, true);

  // Keyboard input goes to the app: keep the canvas focused.
  canvas.addEventListener('mousedown', function() { canvas.focus(); });
  window.addEventListener('load', function() { canvas.focus(); });
})();
