'use strict';

// lib/shifted-time.js: in real time, the engine's clock reads a scenario world's time (the real time moved by a fixed
// offset), so an execution starts at the world's time; a Wait still takes its real seconds.

const test = require('node:test');
const assert = require('node:assert/strict');
const { StateMachine } = require('../lib/local-engine');
const shiftedTime = require('../lib/shifted-time');

const WORLDS_NOW = Date.parse('2026-11-20T12:00:00Z');

test('an execution on a shifted clock starts at the world\'s time and a Wait takes its real time', async () => {
  const realStart = Date.now();
  const clock = shiftedTime.install({ offsetMs: WORLDS_NOW - realStart });
  try {
    const machine = new StateMachine({
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 1, Next: 'Started' },
        Started: { Type: 'Pass', Parameters: { 'at.$': '$$.Execution.StartTime' }, End: true },
      },
    });
    const output = await machine.run({}).result;
    const startedAt = Date.parse(output.at);
    assert.ok(startedAt >= WORLDS_NOW && startedAt < WORLDS_NOW + 5_000, output.at);
    assert.ok(Date.now() - startedAt >= 1_000, 'the Wait took its second on the shifted clock');
  } finally {
    clock.uninstall();
  }
  assert.ok(Math.abs(Date.now() - realStart) < 60_000, 'uninstalled, Date reads the real time again');
  assert.equal(new Date(0).toISOString(), '1970-01-01T00:00:00.000Z', 'a given instant is not shifted');
});

test('a shifted clock takes whole milliseconds', () => {
  assert.throws(() => shiftedTime.install({ offsetMs: 1.5 }), /whole milliseconds/);
});
