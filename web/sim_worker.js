// sim_worker.js: the simulator's Web Worker (web/sim_work_web.cpp starts it through
// web/library_arlab.js). It loads arlab-sim-worker.js/.wasm (web/sim_worker.cpp: core + io),
// takes one message {book, request, runs, chunk}, prepares the plan and posts each finished
// chunk {begin, end, cells, person} (ArrayBuffers of int64, transferred, not copied), in order;
// or {error} in words. The page terminates it to cancel.
'use strict';

// Every name of ours starts with `sim`: arlab-sim-worker.js, loaded below into the same global
// scope, declares its own globals (`run`, `ready`...) and would replace ours.

var simPending = null;   // The message, if it came before the module was ready.
var simReady = false;

self.Module = {
  print: function(text) { console.log(text); },
  printErr: function(text) { console.error(text); },
  onAbort: function(what) { self.postMessage({error: 'the simulator stopped: ' + what}); },
  onRuntimeInitialized: function() {
    simReady = true;
    if (simPending) simRun(simPending);
  },
};

function simWithString(text, fn) {
  var bytes = new TextEncoder().encode(text);
  var ptr = Module._malloc(bytes.length + 1);
  Module.HEAPU8.set(bytes, ptr);
  Module.HEAPU8[ptr + bytes.length] = 0;
  try {
    return fn(ptr, bytes.length);
  } finally {
    Module._free(ptr);
  }
}

// The int64 values of runs [begin, end) as a new ArrayBuffer (a copy: the heap stays).
function simSlice(which, begin, end) {
  var perRun = Module._sim_worker_per_run(which);
  var ptr = Module._sim_worker_data(which, begin);
  return Module.HEAPU8.slice(ptr, ptr + perRun * (end - begin) * 8).buffer;
}

function simRun(m) {
  var ok = simWithString(m.book, function(bookPtr, bookSize) {
    return simWithString(m.request, function(reqPtr, reqSize) {
      return Module._sim_worker_prepare(bookPtr, bookSize, reqPtr, reqSize);
    });
  });
  if (!ok) {
    self.postMessage({error: Module.UTF8ToString(Module._sim_worker_error())});
    return;
  }
  var runs = Module._sim_worker_runs();
  if (runs !== m.runs) {
    self.postMessage({error: 'the worker planned ' + runs + ' runs, the page ' + m.runs});
    return;
  }
  for (var begin = 0; begin < runs; begin += m.chunk) {
    var end = Math.min(runs, begin + m.chunk);
    Module._sim_worker_run(begin, end);
    var cells = simSlice(0, begin, end), person = simSlice(1, begin, end);
    self.postMessage({begin: begin, end: end, cells: cells, person: person}, [cells, person]);
  }
}

self.onmessage = function(e) {
  if (simReady) simRun(e.data);
  else simPending = e.data;
};

importScripts('arlab-sim-worker.js');
