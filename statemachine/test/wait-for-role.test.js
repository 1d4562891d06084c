'use strict';

// wait-for-role: the definition's shape, its mocked test cases (same Step Functions Local mock-config format as
// offboard-user's, in WaitForRoleMockConfigFile.json), and the retry schedule the definition implies.

const test = require('node:test');
const assert = require('node:assert/strict');
const { seededRandom } = require('../lib/virtual-time');
const path = require('node:path');
const fs = require('node:fs');
const aslValidator = require('asl-validator');
const { loadDefinition, placeholders } = require('../lib/definition');
const { runTestCase, responseSequence } = require('../lib/mock-config');
const { problems, errorClasses } = require('./support/java-contract');

const DIR = path.resolve(__dirname, '..');
const FILE = path.join(DIR, 'wait-for-role.asl.json');
const substitutions = { CheckRoleUsableFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:check-role-usable' };
const mockConfig = require('./WaitForRoleMockConfigFile.json');
const inputs = require('./wait-for-role-cases');
const JAVA = 'dev.offboarding.errors.';
const def = loadDefinition(FILE, substitutions);
const task = def.States.CheckRoleUsable;
const notYet = task.Retry.find((r) => r.ErrorEquals.includes(`${JAVA}RoleNotYetUsableException`));
const confirmSeconds = def.States.ConfirmAfterPause.Seconds;
const DEFAULT_DEADLINE = 120;
const MAX_DEADLINE = 280;
const REQUIRED = 3;

function run(testCase) {
  return runTestCase({ definition: def, mockConfig, stateMachineName: 'WaitForRole', testCase, input: inputs[testCase],
    zeroWaits: ['ConfirmAfterPause'] });
}

function mockedMessage(response, index) {
  const entry = responseSequence(response, mockConfig.MockedResponses[response])(index);
  return JSON.parse(entry.Throw.Cause).errorMessage;
}

test('the definition is valid, has one placeholder, and its Java names resolve to classes', () => {
  assert.deepEqual(placeholders(fs.readFileSync(FILE, 'utf8')), ['CheckRoleUsableFunctionArn']);
  const { isValid, errorsText } = aslValidator(def, { checkPaths: true, checkArn: true });
  assert.ok(isValid, errorsText('\n'));
  const classes = errorClasses();
  const names = [...task.Retry, ...task.Catch].flatMap((r) => r.ErrorEquals);
  for (const name of names.filter((n) => n.startsWith(JAVA))) {
    assert.ok(classes.includes(name.slice(JAVA.length)), name);
  }
  assert.ok(!names.includes('States.ALL'));
  for (const [, state] of Object.entries(def.States).filter(([, s]) => s.Type === 'Fail')) {
    assert.match(state.Error, /^WaitForRole\.[A-Z]\w+$/);
    assert.ok(fs.readFileSync(path.join(DIR, 'README.md'), 'utf8').includes(`\`${state.Error}\``), state.Error);
  }
});

test('the only loop waits between checks and each check carries what the function needs to stop it at the deadline', () => {
  assert.deepEqual(task.Parameters.Payload, { 'request.$': '$.request', 'successes.$': '$.check.successes',
    'attempt.$': '$$.State.RetryCount', 'startedAt.$': '$$.Execution.StartTime', 'execution.$': '$$.Execution.Id' });
  assert.equal(def.States.UsableYet.Default, 'ConfirmAfterPause');
  assert.equal(def.States.ConfirmAfterPause.Next, 'CheckRoleUsable');
  assert.ok(confirmSeconds >= 1);
  // Every other edge leads forward: cut the loop and nothing cycles.
  const edges = (s) => [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)]
    .filter(Boolean);
  const seen = new Set();
  const visit = (name, trail) => {
    assert.ok(!trail.includes(name), `cycle ${[...trail, name].join(' -> ')}`);
    if (seen.has(name)) {
      return;
    }
    seen.add(name);
    edges(def.States[name]).filter((n) => !(name === 'ConfirmAfterPause' && n === 'CheckRoleUsable'))
      .forEach((n) => visit(n, [...trail, name]));
  };
  visit(def.StartAt, []);
  assert.equal(seen.size, Object.keys(def.States).length, 'every state is reachable');
});

test('not-yet is retried natively: exponential backoff, MaxDelaySeconds, full jitter', () => {
  assert.deepEqual(notYet, { ErrorEquals: [`${JAVA}RoleNotYetUsableException`], IntervalSeconds: 1, BackoffRate: 2,
    MaxDelaySeconds: 2, MaxAttempts: 400, JitterStrategy: 'FULL' });
  const catchers = Object.fromEntries(task.Catch.map((c) => [c.ErrorEquals[0].slice(JAVA.length), def.States[def.States[c.Next].Next].Error]));
  assert.deepEqual(catchers, {
    RoleNotUsableByDeadlineException: 'WaitForRole.NotUsable', RoleNotYetUsableException: 'WaitForRole.NotUsable',
    InvalidRequestException: 'WaitForRole.InvalidRequest', IamAccessDeniedException: 'WaitForRole.AccessDenied',
    IamRequestFailedException: 'WaitForRole.IamRequestFailed', InvalidConfigurationException: 'WaitForRole.Misconfigured',
    IamRetryableException: 'WaitForRole.IamUnavailable' });
});

test('the mock config is Step Functions Local\'s shape and true to the Java contract', () => {
  const cases = mockConfig.StateMachines.WaitForRole.TestCases;
  assert.deepEqual(Object.keys(inputs).sort(), Object.keys(cases).sort());
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (entry.Return) {
        assert.deepEqual(problems(entry.Return.Payload, 'check-role-usable.output'), [], `${name}.${key}`);
      } else if (!entry.Throw.Error.startsWith('Lambda.')) {
        const cause = JSON.parse(entry.Throw.Cause);
        assert.deepEqual(Object.keys(cause), ['errorMessage', 'errorType', 'stackTrace']);
        assert.equal(cause.errorType, entry.Throw.Error);
        assert.ok(errorClasses().includes(entry.Throw.Error.slice(JAVA.length)));
      }
    }
  }
  for (const input of Object.values(inputs).filter((i) => !i.checks.includes('IS_READY'))) {
    assert.deepEqual(problems({ request: input, successes: 0, attempt: 0, startedAt: '2026-11-20T12:00:00Z' },
      'check-role-usable.input'), []);
  }
});

test('usable after propagation: retried while not yet, then three consecutive successes a pause apart', async () => {
  const r = await run('UsableAfterPropagation');
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'UsableYet', 'ConfirmAfterPause', 'CheckRoleUsable', 'UsableYet',
    'ConfirmAfterPause', 'CheckRoleUsable', 'UsableYet', 'Usable']);
  assert.deepEqual(r.retries, ['CheckRoleUsable', 'CheckRoleUsable']);
  assert.deepEqual(r.invocations.map((c) => [c.input.Payload.successes, c.input.Payload.attempt]),
    [[0, 0], [0, 1], [0, 2], [1, 0], [2, 0]]);
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(r.output, mockConfig.MockedResponses.CheckRoleUsableNotYetTwiceThenUsable['4'].Return.Payload);
  assert.deepEqual(r.invocations[0].input.Payload.request, inputs.UsableAfterPropagation, 'the request, untouched');
  assert.match(r.invocations[0].input.Payload.startedAt, /^\d{4}-\d\d-\d\dT/);
});

test('success, failure, success is not usable: the retry after the failure says attempt 1, so the count restarts', async () => {
  const r = await run('SuccessFailSuccessIsNotYetUsable');
  assert.deepEqual(r.invocations.map((c) => [c.input.Payload.successes, c.input.Payload.attempt]),
    [[0, 0], [1, 0], [1, 1], [1, 0], [2, 0]]);
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'UsableYet', 'ConfirmAfterPause', 'CheckRoleUsable', 'UsableYet',
    'ConfirmAfterPause', 'CheckRoleUsable', 'UsableYet', 'ConfirmAfterPause', 'CheckRoleUsable', 'UsableYet', 'Usable']);
});

test('a role that never becomes usable fails at the deadline with a Cause naming the failing condition', async () => {
  const r = await run('NeverTrustedFailsAtTheDeadline');
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'ExplainNotUsable', 'NotUsable']);
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, 'WaitForRole.NotUsable');
  assert.equal(r.cause, mockedMessage('CheckRoleUsableNeverTrusted', 3));
  assert.match(r.cause, /TRUSTS still fails: its trust policy does not allow lambda\.amazonaws\.com/);
});

test('input that can never succeed fails at once with InvalidRequest, not retried', async () => {
  const r = await run('InvalidRequest');
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'ExplainInvalidRequest', 'InvalidRequest']);
  assert.equal(r.error, 'WaitForRole.InvalidRequest');
  assert.equal(r.cause, mockedMessage('CheckRoleUsableInvalidRequest', 0));
  assert.deepEqual(r.retries, []);
});

test('the function may not read the role: AccessDenied, not retried', async () => {
  const r = await run('AccessDenied');
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'ExplainAccessDenied', 'AccessDenied']);
  assert.equal(r.error, 'WaitForRole.AccessDenied');
});

test('a Lambda service error is retried and does not count as a check', async () => {
  const r = await run('LambdaServiceErrorRetried');
  assert.deepEqual(r.path, ['Start', 'CheckRoleUsable', 'UsableYet', 'Usable']);
  assert.equal(r.output.usable, true);
});

// ---- the schedule -------------------------------------------------------------------------------------------

/** Deterministic uniform [0, 1), so the test cannot flake: the generator the virtual clock seeds. */
const random = seededRandom;

/** The cap of the n-th retry wait (0-based): Step Functions waits a uniform part of it (JitterStrategy FULL). */
function cap(n) {
  return Math.min(notYet.IntervalSeconds * notYet.BackoffRate ** n, notYet.MaxDelaySeconds);
}

/**
 * Seconds from the start until wait-for-role reports usable for a role usable from L seconds on (Lambda time left
 * out): the first check at or after L passes, then REQUIRED - 1 more checks a pause apart. null if the retries run
 * out first.
 */
function reportedAt(lag, next) {
  let t = 0;
  for (let n = 0; t < lag; n++) {
    if (n === notYet.MaxAttempts) {
      return null;
    }
    t += next() * cap(n);
  }
  return t + (REQUIRED - 1) * confirmSeconds;
}

test('a role usable after 5 s is reported usable in under 10 s, every time', (t) => {
  const worst = 5 + notYet.MaxDelaySeconds + (REQUIRED - 1) * confirmSeconds;
  assert.ok(worst < 10, `worst case ${worst} s`);
  const next = random(5);
  const times = Array.from({ length: 100_000 }, () => reportedAt(5, next)).sort((a, b) => a - b);
  t.diagnostic(`5 s role delay: median ${times[50_000].toFixed(2)} s, max ${times.at(-1).toFixed(2)} s (bound ${worst} s)`);
  assert.ok(times.at(-1) < 10);
});

test('the retries reach a 90 s propagation within the default deadline, every time', (t) => {
  const worst = 90 + notYet.MaxDelaySeconds + (REQUIRED - 1) * confirmSeconds;
  assert.ok(worst < DEFAULT_DEADLINE, `worst case ${worst} s`);
  const next = random(90);
  let latest = 0;
  let ranOut = 0;
  for (let i = 0; i < 100_000; i++) {
    const at = reportedAt(90, next);
    if (at === null) {
      ranOut++;
    } else {
      latest = Math.max(latest, at);
    }
  }
  t.diagnostic(`90 s role delay: reported by ${latest.toFixed(2)} s at the latest; retries ran out ${ranOut} times`);
  assert.equal(ranOut, 0);
  assert.ok(latest < DEFAULT_DEADLINE);
});

test('the retries last to the maximum deadline, and the last check ends inside the 5-minute Express limit', () => {
  const next = random(280);
  let shortest = Infinity;
  for (let i = 0; i < 20_000; i++) {
    let total = 0;
    for (let n = 0; n < notYet.MaxAttempts; n++) {
      total += next() * cap(n);
    }
    shortest = Math.min(shortest, total);
  }
  assert.ok(shortest > MAX_DEADLINE, `${notYet.MaxAttempts} retries waited only ${shortest} s`);
  // After the deadline the next check ends it: at most one retry wait or one pause later, plus the check itself
  // (a second or less; 10 s allowed here).
  assert.ok(MAX_DEADLINE + Math.max(notYet.MaxDelaySeconds, confirmSeconds) + 10 < 300);
});
