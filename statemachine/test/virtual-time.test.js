'use strict';

// lib/virtual-time.js: the engine's Wait and Retry pauses pass in virtual time, in order, never during a Task, with
// seeded jitter; everything else keeps real timers and real random numbers. Each test bounds its real run time only
// to turn a hang of a broken clock into a failure.

const test = require('node:test');
const assert = require('node:assert/strict');
const { StateMachine } = require('../lib/local-engine');
const virtualTime = require('../lib/virtual-time');

const START = Date.parse('2026-11-20T12:00:00Z');
const HANG_GUARD = { timeout: 20_000 };

async function withClock(seed, body) {
  const clock = virtualTime.install({ start: START, seed });
  try {
    return await body(clock);
  } finally {
    clock.uninstall();
  }
}

/**
 * Wait an hour, then a Task that fails `failures` times under `retrier` (its real work taking `realWorkMs`), with
 * `timeoutSeconds` if given; answers the result and when (virtual ms after the start) each call came.
 */
async function run(clock, retrier, failures, { timeoutSeconds, realWorkMs } = {}) {
  const calls = [];
  const work = {
    Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true,
    Retry: [{ ErrorEquals: ['NotYet'], ...retrier }],
  };
  if (timeoutSeconds !== undefined) {
    work.TimeoutSeconds = timeoutSeconds;
  }
  const definition = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 3600, Next: 'Work' }, Work: work } };
  const handler = (input) => clock.during(async () => {
    calls.push(Date.now() - START);
    if (realWorkMs) {
      await new Promise((resolve) => setTimeout(resolve, realWorkMs));
    }
    if (calls.length <= failures) {
      const e = new Error('not yet');
      e.name = 'NotYet';
      throw e;
    }
    return { done: true, input };
  });
  const machine = new StateMachine(definition);
  const result = await machine.run({}, { overrides: { taskResourceLocalHandlers: { Work: handler } } }).result;
  return { result, calls };
}

test('a Wait and a backoff without jitter pass in virtual time, to the millisecond', HANG_GUARD, () => withClock(1, async (clock) => {
  const { result, calls } = await run(clock,
    { IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'NONE' }, 2);

  assert.deepEqual(result, { done: true, input: {} });
  assert.deepEqual(calls, [3_600_000, 3_610_000, 3_630_000], 'an hour, then 10 s, then 20 s');
  assert.equal(clock.now(), START + 3_630_000);
  assert.equal(new Date().toISOString(), '2026-11-20T13:00:30.000Z');
}));

test('MaxDelaySeconds caps the backoff', HANG_GUARD, () => withClock(1, async (clock) => {
  const { calls } = await run(clock,
    { IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 3, MaxAttempts: 4, JitterStrategy: 'NONE' }, 4);

  assert.deepEqual(calls.map((t) => t - 3_600_000), [0, 1_000, 3_000, 6_000, 9_000], '1 s, 2 s, then 3 s, 3 s');
}));

test('full jitter draws from the seed: the same seed gives the same pauses, each within its cap', HANG_GUARD, async () => {
  const retrier = { IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 2, MaxAttempts: 6, JitterStrategy: 'FULL' };
  const first = await withClock(7, async (clock) => (await run(clock, retrier, 5)).calls);
  const again = await withClock(7, async (clock) => (await run(clock, retrier, 5)).calls);
  const other = await withClock(8, async (clock) => (await run(clock, retrier, 5)).calls);

  assert.deepEqual(again, first);
  assert.notDeepEqual(other, first);
  const pauses = first.slice(1).map((t, i) => t - first[i]);
  const caps = [1000, 2000, 2000, 2000, 2000];
  pauses.forEach((p, i) => assert.ok(Number.isInteger(p) && p >= 0 && p <= caps[i], `pause ${i + 1}: ${p} ms, cap ${caps[i]} ms`));
  assert.ok(new Set(pauses).size > 1, `the pauses are drawn, not fixed: ${pauses}`);
});

test('only the engine draws from the seed: anyone else\'s Math.random stays random', () => withClock(7, async () => {
  const draws = Array.from({ length: 4 }, () => Math.random());
  const again = await withClock(7, async () => Array.from({ length: 4 }, () => Math.random()));

  assert.notDeepEqual(again, draws);
}));

test('virtual time stands still while a Task runs, and its TimeoutSeconds does not fire meanwhile', HANG_GUARD, () => withClock(1, async (clock) => {
  const { result, calls } = await run(clock, { IntervalSeconds: 1, MaxAttempts: 0 }, 0,
    { timeoutSeconds: 1, realWorkMs: 50 });

  assert.deepEqual(result, { done: true, input: {} }, 'a Task that really takes 50 ms is not timed out after 1 virtual second');
  assert.deepEqual(calls, [3_600_000]);
  assert.equal(clock.now(), START + 3_600_000, 'the 50 ms of real work took no virtual time');
}));

test('an execution\'s TimeoutSeconds fires in virtual time, before a longer Wait ends', HANG_GUARD, () => withClock(1, async (clock) => {
  const machine = new StateMachine({
    TimeoutSeconds: 60,
    StartAt: 'Long',
    States: { Long: { Type: 'Wait', Seconds: 3600, End: true } },
  });

  await assert.rejects(machine.run({}).result, { name: 'ExecutionTimeoutError' });
  assert.equal(clock.now(), START + 60_000);
}));

test('uninstalled, Date, timers and Math.random are the real ones again', () => {
  const realDate = Date;
  const realSetTimeout = setTimeout;
  const realRandom = Math.random;
  const clock = virtualTime.install({ start: START, seed: 1 });
  assert.equal(Date.now(), START);
  assert.notEqual(Date, realDate);
  clock.uninstall();
  assert.equal(Date, realDate);
  assert.equal(setTimeout, realSetTimeout);
  assert.equal(Math.random, realRandom);
});

test('a seed is a whole number from 0 to 2^32 - 1, and the start a whole number of milliseconds', () => {
  assert.throws(() => virtualTime.install({ start: START, seed: -1 }), /seed/);
  assert.throws(() => virtualTime.install({ start: START, seed: 2 ** 32 }), /seed/);
  assert.throws(() => virtualTime.install({ start: Number.NaN, seed: 1 }), /start/);
});
