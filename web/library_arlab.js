// library_arlab.js: the browser calls web/platform_web.cpp makes (emcc --js-library).
// Storage is IDBFS mounted at /persist: `FS.syncfs(true)` loads it once at start-up, and
// `FS.syncfs(false)` writes MEMFS back to IndexedDB. The C++ side makes sure only one
// syncfs runs at a time and never touches /persist while one is running.
//
// C functions called back (EMSCRIPTEN_KEEPALIVE in platform_web.cpp):
//   arlab_web_storage_loaded(error), arlab_web_persist_result(granted),
//   arlab_web_sync_done(error), arlab_web_save_due(), arlab_web_flush(); the simulator's
//   arlab_web_sim_target(job, begin, end, which, bytes), arlab_web_sim_chunk_done(job, begin),
//   arlab_web_sim_failed(job, why), arlab_web_sim_warmed(spare, ok, why).

mergeInto(LibraryManager.library, {
  // [SECTION] helpers
  $arlabCallWithString__deps: ['malloc', 'free'],
  $arlabCallWithString: function(fn, text) {
    var ptr = 0;
    if (text !== null) {
      var size = lengthBytesUTF8(text) + 1;
      ptr = _malloc(size);
      stringToUTF8(text, ptr, size);
    }
    try {
      fn(ptr);
    } finally {
      if (ptr) _free(ptr);
    }
  },
  $arlabErrorText: function(err) {
    if (!err) return null;
    if (err.name && err.message) return err.name + ': ' + err.message;
    if (err.errno !== undefined) return 'file system error ' + err.errno;
    return String(err);
  },

  // [SECTION] storage
  arlab_js_storage_start__deps: ['$FS', '$IDBFS', '$arlabCallWithString', '$arlabErrorText'],
  arlab_js_storage_start: function() {
    var loaded = function(err) {
      arlabCallWithString(_arlab_web_storage_loaded, arlabErrorText(err));
    };
    try {
      FS.mkdir('/persist');
      FS.mount(IDBFS, {}, '/persist');
      FS.syncfs(true, loaded);
    } catch (e) {
      loaded(e);  // No IndexedDB (e.g. some private modes): the app runs without saving.
    }
    // Ask once that the browser not evict our storage; report the answer.
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().then(function(granted) {
        _arlab_web_persist_result(granted ? 1 : 0);
      }, function() { _arlab_web_persist_result(0); });
    }
    // Save at once when the page is hidden (tab switch, close, reload): no frame runs then.
    document.addEventListener('visibilitychange', function() {
      if (document.visibilityState === 'hidden') _arlab_web_flush();
    });
    window.addEventListener('pagehide', function() { _arlab_web_flush(); });
  },

  arlab_js_sync_save__deps: ['$FS', '$arlabCallWithString', '$arlabErrorText'],
  arlab_js_sync_save: function() {
    try {
      FS.syncfs(false, function(err) {
        arlabCallWithString(_arlab_web_sync_done, arlabErrorText(err));
      });
    } catch (e) {
      arlabCallWithString(_arlab_web_sync_done, arlabErrorText(e));
    }
  },

  // The debounce timer lives in JS: setTimeout still fires when the page stops drawing.
  $arlabSaveTimer: null,
  arlab_js_arm_timer__deps: ['$arlabSaveTimer'],
  arlab_js_arm_timer: function(delay_ms) {
    if (arlabSaveTimer !== null) clearTimeout(arlabSaveTimer);
    arlabSaveTimer = setTimeout(function() {
      arlabSaveTimer = null;
      _arlab_web_save_due();
    }, delay_ms);
  },

  // [SECTION] files in and out
  arlab_js_pick_file: function(accept_ptr) {
    var input = document.getElementById('arlab-file');
    if (!input) return 0;
    input.accept = UTF8ToString(accept_ptr);  // Book, CSV or mapping: what the app asks for.
    input.value = '';  // So picking the same file again still fires `change`.
    input.click();
    return 1;
  },

  arlab_js_download: function(name_ptr, data_ptr, size) {
    var name = UTF8ToString(name_ptr);
    var bytes = HEAPU8.slice(data_ptr, data_ptr + size);  // A copy: the heap may move.
    var type = /\.json$/i.test(name) ? 'application/json' : 'text/plain';
    var url = URL.createObjectURL(new Blob([bytes], {type: type}));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
    return 1;
  },

  // [SECTION] the simulator's Web Workers (web/sim_work_web.cpp, web/sim_worker.js)
  // A Worker a job: sent the book and the request as text (the cold way), or a spare already
  // holding the book sent only the request. Each message of a job a finished chunk of runs, its
  // int64 cells copied straight into the SimRuns at arlab_web_sim_target (0: the job is gone or
  // the chunk is not the plan's: dropped). arlab_js_sim_stop terminates the job's Worker;
  // arlab_js_sim_keep makes a job's Worker, idle after its last chunk, the spare.
  $arlabSimWorkers: {},
  $arlabSimSpare: {id: 0, worker: null},
  $arlabSimNewWorker: function() {
    if (typeof Worker === 'undefined') return null;
    try {
      return new Worker('sim_worker.js');
    } catch (e) {
      return null;  // Refused (a file:// page, a policy): the runner works in frame slices.
    }
  },
  // The job's handlers on `worker` (a new one or the spare taken); it is the job's from now on.
  $arlabSimAttach__deps: ['$arlabSimWorkers', '$arlabCallWithString'],
  $arlabSimAttach: function(job, worker) {
    var fail = function(text) {
      arlabCallWithString(function(ptr) { _arlab_web_sim_failed(job, ptr); }, String(text));
    };
    var copy = function(begin, end, which, buffer) {
      var ptr = _arlab_web_sim_target(job, begin, end, which, buffer.byteLength);
      if (!ptr) return false;
      HEAPU8.set(new Uint8Array(buffer), ptr);  // HEAPU8 read now: memory may have grown.
      return true;
    };
    worker.onmessage = function(e) {
      var m = e.data;
      if (arlabSimWorkers[job] !== worker) return;
      if (m.warm) return;  // The spare's warming, done or not: the run's own messages follow.
      if (m.error) { fail(m.error); return; }
      if (copy(m.begin, m.end, 0, m.cells) && copy(m.begin, m.end, 1, m.person)) {
        _arlab_web_sim_chunk_done(job, m.begin);
      } else {
        fail('the Web Worker sent runs ' + m.begin + ' to ' + m.end + ' of another size');
      }
    };
    worker.onerror = function(e) {
      e.preventDefault();
      if (arlabSimWorkers[job] === worker) fail('the Web Worker stopped: ' + (e.message || 'an error'));
    };
    arlabSimWorkers[job] = worker;
  },
  $arlabSimText: function(ptr, size) {
    return new TextDecoder().decode(HEAPU8.subarray(ptr, ptr + size));
  },
  arlab_js_sim_start__deps: ['$arlabSimNewWorker', '$arlabSimAttach', '$arlabSimText'],
  arlab_js_sim_start: function(job, book_ptr, book_size, request_ptr, request_size, runs, chunk) {
    var worker = arlabSimNewWorker();
    if (!worker) return 0;
    arlabSimAttach(job, worker);
    worker.postMessage({
      book: arlabSimText(book_ptr, book_size), request: arlabSimText(request_ptr, request_size),
      runs: runs, chunk: chunk});
    return 1;
  },
  // The spare `spare` takes the job: only the request is sent. 0 if it is not there.
  arlab_js_sim_start_spare__deps: ['$arlabSimSpare', '$arlabSimAttach', '$arlabSimText'],
  arlab_js_sim_start_spare: function(job, spare, request_ptr, request_size, runs, chunk) {
    var worker = arlabSimSpare.worker;
    if (arlabSimSpare.id !== spare || !worker) return 0;
    arlabSimSpare.id = 0;
    arlabSimSpare.worker = null;
    arlabSimAttach(job, worker);
    worker.postMessage({request: arlabSimText(request_ptr, request_size), runs: runs, chunk: chunk});
    return 1;
  },
  arlab_js_sim_stop__deps: ['$arlabSimWorkers'],
  arlab_js_sim_stop: function(job) {
    var worker = arlabSimWorkers[job];
    if (!worker) return;
    worker.terminate();
    delete arlabSimWorkers[job];
  },

  // The spare: a Worker sent the book and a request of a few runs to warm on; it says
  // {warm: 'ready'} or {warm: 'failed', error} (arlab_web_sim_warmed).
  $arlabSimSpareHandlers__deps: ['$arlabSimSpare', '$arlabCallWithString'],
  $arlabSimSpareHandlers: function(spare, worker) {
    var warmed = function(ok, text) {
      if (arlabSimSpare.worker !== worker) return;  // Taken or stopped since.
      arlabCallWithString(function(ptr) { _arlab_web_sim_warmed(spare, ok, ptr); },
                          text === null ? null : String(text));
    };
    worker.onmessage = function(e) {
      var m = e.data;
      if (m.warm === 'ready') warmed(1, null);
      else if (m.warm === 'failed') warmed(0, m.error);
      else if (m.error) warmed(0, m.error);
    };
    worker.onerror = function(e) {
      e.preventDefault();
      warmed(0, 'the Web Worker stopped: ' + (e.message || 'an error'));
    };
    arlabSimSpare.id = spare;
    arlabSimSpare.worker = worker;
  },
  arlab_js_sim_warm__deps: ['$arlabSimNewWorker', '$arlabSimSpareHandlers', '$arlabSimText'],
  arlab_js_sim_warm: function(spare, book_ptr, book_size, request_ptr, request_size) {
    var worker = arlabSimNewWorker();
    if (!worker) return 0;
    arlabSimSpareHandlers(spare, worker);
    worker.postMessage({
      warm: true, book: arlabSimText(book_ptr, book_size),
      request: arlabSimText(request_ptr, request_size)});
    return 1;
  },
  arlab_js_sim_keep__deps: ['$arlabSimWorkers', '$arlabSimSpareHandlers'],
  arlab_js_sim_keep: function(job, spare) {
    var worker = arlabSimWorkers[job];
    if (!worker) return;
    delete arlabSimWorkers[job];
    arlabSimSpareHandlers(spare, worker);
  },
  arlab_js_sim_spare_stop__deps: ['$arlabSimSpare'],
  arlab_js_sim_spare_stop: function(spare) {
    if (arlabSimSpare.id !== spare || !arlabSimSpare.worker) return;
    arlabSimSpare.worker.terminate();
    arlabSimSpare.id = 0;
    arlabSimSpare.worker = null;
  },

  // [SECTION] canvas
  // Resizes the drawing buffer and tells GLFW (its resize listener). Not glfwSetWindowSize:
  // Emscripten's asks for fullscreen whenever the size equals the screen's.
  arlab_js_set_canvas_size__deps: ['$Browser'],
  arlab_js_set_canvas_size: function(width, height) {
    Browser.setCanvasSize(width, height);
  },

  // [SECTION] page status
  arlab_js_set_status: function(text_ptr) {
    var text = UTF8ToString(text_ptr);
    if (typeof window.arlabSetStatus === 'function') window.arlabSetStatus(text);
  },
});
