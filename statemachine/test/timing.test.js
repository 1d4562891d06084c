'use strict';

// The DeleteUser retry schedule, sampled from the definition's own numbers. Step Functions waits
// min(IntervalSeconds * BackoffRate^n, MaxDelaySeconds) before retry n+1 and, with JitterStrategy FULL, a uniform
// random part of that. Model: the first DeleteUser call comes PropagationWaitSeconds after RemoveTokens; IAM has
// propagated the removal L seconds after RemoveTokens; the first call at or after L succeeds (Lambda run time is
// left out, which only makes the real schedule a little slower). Overshoot = that call's time - L.

const test = require('node:test');
const assert = require('node:assert/strict');
const { seededRandom } = require('../lib/virtual-time');
const { definition, substitutions } = require('./support/fixtures');

const def = definition();
const retrier = def.States.DeleteUser.Retry.find((r) => r.ErrorEquals.includes('dev.offboarding.errors.UserDeleteConflictException'));
const propagationWait = Number(substitutions.PropagationWaitSeconds);

/** Deterministic uniform [0, 1), so the test cannot flake: the generator the virtual clock seeds. */
const random = seededRandom;

function caps({ IntervalSeconds, BackoffRate, MaxDelaySeconds, MaxAttempts, JitterStrategy }) {
  assert.equal(JitterStrategy, 'FULL');
  return Array.from({ length: MaxAttempts }, (_, n) => Math.min(IntervalSeconds * BackoffRate ** n, MaxDelaySeconds));
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Seconds after propagation completes until the DeleteUser call that succeeds, or null when retries run out. */
function overshoot(lag, schedule, next) {
  let t = propagationWait;
  for (let n = 0; t < lag; n++) {
    if (n === schedule.length) {
      return null;
    }
    t += next() * schedule[n];
  }
  return t - lag;
}

test('the retries wait more than 125 s in all, except with probability below 1e-4', (t) => {
  const schedule = caps(retrier);
  const next = random(20261121);
  const samples = 500_000;
  let short = 0;
  for (let i = 0; i < samples; i++) {
    let total = 0;
    for (const cap of schedule) {
      total += next() * cap;
    }
    if (total < 125) {
      short++;
    }
  }
  const mean = schedule.reduce((sum, cap) => sum + cap / 2, 0);
  t.diagnostic(`MaxAttempts ${retrier.MaxAttempts}: mean total wait ${mean.toFixed(1)} s, `
    + `${short} of ${samples} samples under 125 s`);
  assert.ok(short / samples < 1e-4, `P(total wait < 125 s) ~ ${short / samples}`);
});

test('the median overshoot after a propagation lag L is at most 0.25 L + 3 s', (t) => {
  const schedule = caps(retrier);
  const next = random(42);
  for (const lag of [0, 2, 10, 30, 60, 120]) {
    const values = Array.from({ length: 20_000 }, () => overshoot(lag, schedule, next));
    assert.ok(values.every((v) => v !== null), `retries ran out before L = ${lag} s`);
    const m = median(values);
    t.diagnostic(`L = ${lag} s: median overshoot ${m.toFixed(2)} s (limit ${0.25 * lag + 3} s)`);
    assert.ok(m <= 0.25 * lag + 3, `L = ${lag}: median overshoot ${m}`);
  }
});

test('with no propagation lag DeleteUser succeeds within 3 s, and no single wait exceeds the cap', () => {
  assert.equal(def.States.WaitForPropagation.SecondsPath, '$.settings.propagationWaitSeconds');
  assert.ok(Number.isInteger(propagationWait) && propagationWait >= 1);
  assert.equal(overshoot(0, caps(retrier), random(1)), propagationWait);
  assert.ok(propagationWait <= 3);
  assert.ok(retrier.MaxDelaySeconds <= 8);
});
