'use strict';

// Virtual time for one local execution: a logical clock, so that a test of timing (Wait states, Retry backoff and
// its jitter, deadlines) neither sleeps nor depends on the machine's speed, whatever the definition.
//
// Once installed:
// - Date (new Date(), Date.now()) answers the virtual time, which starts at `start`;
// - every timer the engine (aws-local-stepfunctions) sets itself, for a Wait state, a Retry pause, a Task's
//   TimeoutSeconds or the execution's TimeoutSeconds, is virtual: it fires at once in real time and moves the virtual
//   time to when it was due. Timers fire in the order they are due, and only while no work registered with during()
//   (a Task's invocation) is in flight: the virtual time stands still while a Task runs, so a Task's TimeoutSeconds
//   never fires during it and a function's own run time counts as zero;
// - Math.random, as the engine calls it (the FULL jitter of a Retry), is a generator seeded with `seed`, so the same
//   seed gives the same pauses.
// Timers and random numbers anything else asks for (the Lambda client, Node's HTTP stack) stay real.

const ENGINE_FILE = require.resolve('aws-local-stepfunctions');
const MAX_SEED = 0xffffffff;

/**
 * Whether the direct caller of `callee` is the engine's own code. Only the direct caller counts: a Task handler runs
 * with the engine further down its stack, and its timers must stay real.
 */
function calledByTheEngine(callee) {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_, frames) => frames;
    Error.stackTraceLimit = 1;
    const holder = {};
    Error.captureStackTrace(holder, callee);
    return holder.stack[0]?.getFileName() === ENGINE_FILE;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** A deterministic uniform generator of [0, 1) (mulberry32) seeded with a whole number from 0 to 2^32 - 1. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Date class whose clock is `clock()` (milliseconds since the epoch): new Date() and Date.now() read it; a Date of a
 * given instant is that instant.
 */
function dateReading(RealDate, clock) {
  return class extends RealDate {
    constructor(...args) {
      if (args.length === 0) {
        super(clock());
      } else {
        super(...args);
      }
    }

    static now() {
      return clock();
    }
  };
}

/**
 * Installs virtual time from `start` (milliseconds since the epoch) with the engine's random numbers seeded by
 * `seed`. Returns { now(), during(work), until(due), uninstall() }: during(work) runs an async function (one Task
 * invocation) during which virtual time stands still; call it before the engine sets the Task's timeout, i.e. at once
 * in the Task's handler. until(due) resolves when the virtual time reaches `due` (milliseconds since the epoch), in
 * order with the engine's own timers.
 */
function install({ start, seed }) {
  if (!Number.isSafeInteger(start)) {
    throw new Error(`virtual time needs a start instant in whole milliseconds, got ${start}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new Error(`the seed is a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  }
  const RealDate = Date;
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const realRandom = Math.random;
  const engineRandom = seededRandom(seed);
  let now = start;
  let inFlight = 0;
  let order = 0;
  let pumpScheduled = false;
  const timers = [];

  const VirtualDate = dateReading(RealDate, () => now);

  function schedulePump() {
    if (!pumpScheduled) {
      pumpScheduled = true;
      // After the microtasks of what just happened: the engine has then set every timer it is going to.
      setImmediate(pump);
    }
  }

  function pump() {
    pumpScheduled = false;
    if (inFlight > 0 || timers.length === 0) {
      return;
    }
    timers.sort((x, y) => x.due - y.due || x.order - y.order);
    const next = timers.shift();
    now = Math.max(now, next.due);
    next.fn(...next.args);
    schedulePump();
  }

  function setTimeout(fn, ms, ...args) {
    if (!calledByTheEngine(setTimeout)) {
      return realSetTimeout(fn, ms, ...args);
    }
    const timer = { virtual: true, due: now + Math.max(0, Number(ms) || 0), order: order++, fn, args };
    timers.push(timer);
    schedulePump();
    return timer;
  }

  function clearTimeout(handle) {
    if (handle?.virtual) {
      const i = timers.indexOf(handle);
      if (i >= 0) {
        timers.splice(i, 1);
      }
      return undefined;
    }
    return realClearTimeout(handle);
  }

  function random() {
    return calledByTheEngine(random) ? engineRandom() : realRandom();
  }

  globalThis.Date = VirtualDate;
  globalThis.setTimeout = setTimeout;
  globalThis.clearTimeout = clearTimeout;
  Math.random = random;

  /** A virtual timer of its own (not the engine's): resolves when the virtual time reaches `due` (ms since the epoch). */
  function until(due) {
    return new Promise((resolve) => {
      timers.push({ virtual: true, due: Math.max(now, due), order: order++, fn: resolve, args: [] });
      schedulePump();
    });
  }

  return {
    now: () => now,
    until,
    async during(work) {
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
        schedulePump();
      }
    },
    uninstall() {
      globalThis.Date = RealDate;
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      Math.random = realRandom;
    },
  };
}

module.exports = { install, seededRandom, dateReading, MAX_SEED };
