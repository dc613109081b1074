// sim_worker.js: the simulator's Web Worker (web/sim_work_web.cpp starts it through
// web/library_arlab.js). It loads arlab-sim-worker.js/.wasm (web/sim_worker.cpp: core + io) and
// takes messages in order:
//   {warm: true, book, request}  a spare: read the book and keep it, prepare the request (the
//                                page's settings, a few runs) and run it a few runs at a time,
//                                so that the browser compiles the hot code to its optimized tier
//                                before a run is asked for; then {warm: 'ready'}, or
//                                {warm: 'failed', error} in words. A run asked for meanwhile
//                                stops the warming.
//   {book, request, runs, chunk} a run, the cold way: the book read and kept, the request
//                                prepared on it;
//   {request, runs, chunk}       a run on the book kept (a spare's, or an earlier run's): no
//                                book read, the fit reused when the request's start, horizon,
//                                seed and fit options are the kept plan's.
// A run posts each finished chunk {begin, end, cells, person} (ArrayBuffers of int64,
// transferred, not copied), in order; or {error} in words. The page terminates it to cancel;
// after a run that ended the Worker may be kept for the next (it has the book and the fit).
'use strict';

// Every name of ours starts with `sim`: arlab-sim-worker.js, loaded below into the same global
// scope, declares its own globals (`run`, `ready`...) and would replace ours.

var simQueue = [];       // Messages that came before the module was ready, in order.
var simReady = false;
var simWarmings = 0;     // Warmings begun.
var simWarming = 0;      // The one under way (0: none); a run sets it to 0 to stop it.
var simWarmSlice = 8;    // Runs a warming step: a run asked for waits at most one step.

self.Module = {
  print: function(text) { console.log(text); },
  printErr: function(text) { console.error(text); },
  onAbort: function(what) { self.postMessage({error: 'the simulator stopped: ' + what}); },
  onRuntimeInitialized: function() {
    simReady = true;
    var queue = simQueue;
    simQueue = [];
    queue.forEach(simTake);
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

function simError() { return Module.UTF8ToString(Module._sim_worker_error()); }

// The int64 values of runs [begin, end) as a new ArrayBuffer (a copy: the heap stays).
function simSlice(which, begin, end) {
  var perRun = Module._sim_worker_per_run(which);
  var ptr = Module._sim_worker_data(which, begin);
  return Module.HEAPU8.slice(ptr, ptr + perRun * (end - begin) * 8).buffer;
}

function simKeepBook(book) {
  return simWithString(book, function(ptr, size) { return Module._sim_worker_keep_book(ptr, size); });
}

function simPrepare(request) {
  return simWithString(request, function(ptr, size) {
    return Module._sim_worker_prepare_kept(ptr, size);
  });
}

// A spare: the book kept, the plan prepared, its runs run a step at a time (a timer between
// steps, so that a run asked for is taken between two).
function simWarm(m) {
  if (!simKeepBook(m.book) || !simPrepare(m.request)) {
    self.postMessage({warm: 'failed', error: simError()});
    return;
  }
  var token = simWarming = ++simWarmings;
  var runs = Module._sim_worker_runs(), begin = 0;
  var step = function() {
    if (simWarming !== token) return;  // A run took the Worker.
    if (begin >= runs) {
      simWarming = 0;
      self.postMessage({warm: 'ready'});
      return;
    }
    var end = Math.min(runs, begin + simWarmSlice);
    Module._sim_worker_run(begin, end);
    begin = end;
    setTimeout(step, 0);
  };
  step();
}

function simRun(m) {
  simWarming = 0;
  var ok = m.book !== undefined ? simKeepBook(m.book) && simPrepare(m.request)
                                : simPrepare(m.request);
  if (!ok) {
    self.postMessage({error: simError()});
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

function simTake(m) {
  if (m.warm) simWarm(m);
  else simRun(m);
}

self.onmessage = function(e) {
  if (simReady) simTake(e.data);
  else simQueue.push(e.data);
};

importScripts('arlab-sim-worker.js');
