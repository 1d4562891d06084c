'use strict';

// Layer 1: the real definition on aws-local-stepfunctions with the Lambdas mocked from MockConfigFile.json.
// Each test asserts the exact states entered (a Task that failed for an engine reason would take another path),
// the output or the Error/Cause, and which Lambdas were called with what.

const test = require('node:test');
const assert = require('node:assert/strict');
const { problems } = require('./support/java-contract');
const {
  run, definition, mockConfig, inputs, substitutions, executionName, executionId, STATE_MACHINE, LAMBDA_OF_ARN, RECORDS,
} = require('./support/fixtures');

const USER = 'little_tester';
const JAVA = 'dev.offboarding.errors.';
const ENTRY = ['ValidateRequest', 'Start', 'InAnotherAccount'];
const HEAD = [...ENTRY, 'ListTokens', 'PrepareRun', 'CheckInventory'];
const REFUSED_AT_ENTRY = ['ValidateRequest', 'ExplainInvalidInput', 'InvalidRequest'];
const REMOVE_AND_DELETE = ['RemoveTokens', 'RecordRemoval', 'WaitForPropagation', 'DeleteUser', 'DeletedYet'];
const SWEEP = ['ReadDeleteConflict', 'SweepOrGiveUp', 'StartSweep', 'SweepListTokens', 'CheckFreshInventory'];
const QUARANTINE = ['RemoveTokensLockOut', 'RecordLockOut', 'WaitForQuarantine', 'ListTokensAfterQuarantine', 'CheckFreshInventory'];
const DELETED = [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done'];
const AUDIT_FIELDS = ['outcome', 'userName', 'accountId', 'reason', 'requestedBy', 'trigger', 'force', 'allowPrivileged',
  'quarantineDays', 'inventory', 'plan', 'wouldRefuse', 'removed', 'interruptedRemovals', 'deleteUserAttempts', 'sweeps', 'deletedAt', 'executionId'];
/** The request fields the audit record copies from the validated request. */
const FROM_REQUEST = ['userName', 'accountId', 'reason', 'requestedBy', 'trigger', 'force', 'allowPrivileged', 'quarantineDays'];
const DONE_BEFORE = ' Before this step this execution had removed or deactivated (nothing if empty): ';
/** The end of every failure's Cause when no removal attempt was interrupted. */
const NONE_INTERRUPTED = '. Removal attempts interrupted midway, newest first, each ending with what it had done (null if none): null';
const EXECUTION = executionId;
const testCases = mockConfig.StateMachines[STATE_MACHINE].TestCases;

function mocked(name, index = 0) {
  return structuredClone(Object.entries(mockConfig.MockedResponses[name])
    .find(([key]) => { const [from, to = from] = key.split('-').map(Number); return index >= from && index <= to; })[1]);
}

function payloadOf(name, index = 0) {
  return mocked(name, index).Return.Payload;
}

function javaMessage(name, index = 0) {
  return JSON.parse(mocked(name, index).Throw.Cause).errorMessage;
}

/** What validate-request answered in this test case (its mocked Return), or null when it refused. */
function validated(testCase) {
  const entry = Object.values(mockConfig.MockedResponses[testCases[testCase].ValidateRequest]).find((e) => e.Return);
  return entry ? structuredClone(entry.Return.Payload) : null;
}

function calls(result, state) {
  return result.invocations.filter((c) => c.state === state);
}

function lambdaCalls(result, lambda) {
  return result.invocations.filter((c) => LAMBDA_OF_ARN[c.input.FunctionName] === lambda);
}

function round(name, index = 0) {
  const { mode, quarantineUntil, items } = payloadOf(name, index);
  return { mode, quarantineUntil, items };
}

/** The state input with which the execution entered a state (the last time). */
function entered(result, state) {
  return result.events.filter((e) => e.type === 'StateEntered' && e.state.name === state).at(-1).state.input;
}

/** The mocked answer a recorded invocation got. */
function answerOf(call) {
  return mocked(call.response, call.index);
}

/** What every run must satisfy, whatever its path. */
function checkRun(result) {
  const { testCase } = result;
  const id = EXECUTION(testCase);
  for (const call of result.invocations) {
    const lambda = LAMBDA_OF_ARN[call.input.FunctionName];
    assert.ok(lambda, `${call.state} was called with FunctionName ${call.input.FunctionName}`);
    assert.deepEqual(Object.keys(call.input).sort(), ['FunctionName', 'Payload']);
    assert.deepEqual(problems(call.input.Payload, RECORDS[lambda].request), [],
      `${call.state} payload does not fit ${RECORDS[lambda].request}`);
    assert.equal(call.input.Payload.execution, id, `${call.state} names the execution`);
  }
  // validate-request first, with the input exactly as the execution was started with; nothing else before it answers.
  const [first] = result.invocations;
  assert.equal(first?.state, 'ValidateRequest', 'the first Lambda called');
  for (const call of calls(result, 'ValidateRequest')) {
    assert.deepEqual(call.input.Payload, { request: inputs[testCase], executionName: executionName(testCase), execution: id });
  }
  const entry = validated(testCase);
  if (!entry) {
    assert.deepEqual(result.invocations.filter((c) => c.state !== 'ValidateRequest'), [], 'a refused input calls nothing else');
    assert.equal(result.status, 'FAILED');
  } else {
    // From there on every function acts on the validated request, in the account validate-request named.
    for (const call of lambdaCalls(result, 'list-tokens')) {
      assert.deepEqual(call.input.Payload, { ...entry.request, memberAccount: entry.memberAccount, execution: id },
        `${call.state}: the validated request`);
    }
    for (const call of [...lambdaCalls(result, 'remove-tokens'), ...lambdaCalls(result, 'delete-user')]) {
      assert.deepEqual(call.input.Payload.memberAccount, entry.memberAccount, `${call.state}: the account to act in`);
    }
    assert.ok(calls(result, 'CheckRoleUsable').length === 0 || entry.memberAccount !== null,
      'the role check only for another account');
  }
  // The DeleteUser mocks behave like delete-user: it raises DeleteConflict only before lastAttempt, answers it at
  // lastAttempt, and echoes the attempt it was given.
  for (const call of calls(result, 'DeleteUser')) {
    const { attempt, lastAttempt } = call.input.Payload;
    assert.equal(lastAttempt, 50);
    const answer = answerOf(call);
    if (answer.Throw?.Error === `${JAVA}UserDeleteConflictException`) {
      assert.ok(attempt < lastAttempt, `DeleteUser ${call.index}: delete-user answers a conflict at attempt ${attempt}, it does not raise it`);
    } else if (answer.Return) {
      assert.equal(answer.Return.Payload.attempt, attempt, `DeleteUser ${call.index}: the attempt is echoed`);
      assert.equal(answer.Return.Payload.outcome === 'STILL_CONFLICTING', attempt >= lastAttempt && answer.Return.Payload.conflict !== null,
        `DeleteUser ${call.index}: STILL_CONFLICTING exactly at the last attempt, with IAM's answer`);
    }
  }
  for (const e of result.events.filter((ev) => ev.type === 'StateEntered' && ev.state.name === 'WaitForPropagation')) {
    assert.equal(e.state.input.settings.propagationWaitSeconds, Number(substitutions.PropagationWaitSeconds));
  }
  if (result.status === 'SUCCEEDED') {
    assert.deepEqual(problems(result.output, 'audit-record'), [], 'the output is an audit record');
    assert.deepEqual(Object.keys(result.output), AUDIT_FIELDS);
    assert.equal(result.output.executionId, id);
    for (const field of FROM_REQUEST) {
      assert.deepEqual(result.output[field], entry.request[field], `the audit record's ${field} is the validated request's`);
    }
    assert.equal(result.output.deleteUserAttempts, calls(result, 'DeleteUser').length,
      'deleteUserAttempts is the number of DeleteUser calls');
  }
}

async function runChecked(testCase) {
  const result = await run(testCase);
  result.testCase = testCase;
  checkRun(result);
  return result;
}

function assertNothingChanged(result) {
  assert.deepEqual(calls(result, 'RemoveTokens'), []);
  assert.deepEqual(calls(result, 'RemoveTokensLockOut'), []);
  assert.deepEqual(lambdaCalls(result, 'delete-user'), []);
}

// ---- refused by validate-request, before any other Lambda (so before any IAM or STS call) ----

for (const [testCase, shape] of [['NotAnObject', 'a string'], ['AnArray', 'an array'], ['NullInput', 'null']]) {
  test(`an input that is not a JSON object (${shape}): validate-request refuses it, Offboarding.InvalidRequest, nothing else called`, async () => {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path, REFUSED_AT_ENTRY);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.equal(r.cause, javaMessage(testCases[testCase].ValidateRequest));
    assert.ok(r.cause.endsWith(`; it is ${shape}`), r.cause);
    assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
    assert.deepEqual(r.invocations[0].input.Payload.request, inputs[testCase], 'the raw input, whatever its shape');
  });
}

for (const [testCase, what] of [['InvalidRequest', 'a malformed userName'], ['NullOptionalFields', 'explicit nulls'],
  ['TriggerNotBound', 'a trigger this execution was not started for']]) {
  test(`a request with ${what}: Offboarding.InvalidRequest with validate-request's message, nothing else called`, async () => {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path, REFUSED_AT_ENTRY);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.equal(r.cause, javaMessage(testCases[testCase].ValidateRequest));
    assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
  });
}

test('a malformed request naming another account is refused before the role check there (no STS call)', async () => {
  const r = await runChecked('OtherAccountInvalidRequest');
  assert.deepEqual(r.path, REFUSED_AT_ENTRY);
  assert.equal(r.error, 'Offboarding.InvalidRequest');
  assert.match(r.cause, /unknown field "dryrun"/);
  assert.deepEqual(calls(r, 'CheckRoleUsable'), []);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
});

test('validate-request misconfigured: Offboarding.Misconfigured with the Java message, nothing else called', async () => {
  const r = await runChecked('MisconfiguredEntry');
  assert.deepEqual(r.path, ['ValidateRequest', 'ExplainMisconfiguredEntry', 'Misconfigured']);
  assert.equal(r.error, 'Offboarding.Misconfigured');
  assert.equal(r.cause, javaMessage('ValidateRequestMisconfigured'));
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
});

test('a request list-tokens refuses all the same: Offboarding.InvalidRequest with its message, before any removal', async () => {
  const r = await runChecked('RefusedByListTokens');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ExplainInvalidRequest', 'InvalidRequest']);
  assert.equal(r.error, 'Offboarding.InvalidRequest');
  assert.equal(r.cause, javaMessage('ListTokensRefusesRequest'));
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'ListTokens']);
});

// ---- the validated request drives the run ----

test('already absent: succeeds with ALREADY_ABSENT and the validated request (defaults filled in)', async () => {
  const r = await runChecked('AlreadyAbsent');
  assert.deepEqual(r.path, [...HEAD, 'RecordAlreadyAbsent', 'Done']);
  assert.deepEqual(r.output, {
    outcome: 'ALREADY_ABSENT', userName: USER, accountId: null, reason: 'Left the company on 2026-11-20',
    requestedBy: 'alice@example.com', trigger: null, force: false, allowPrivileged: false, quarantineDays: 0,
    inventory: payloadOf('ListTokensAbsent'), plan: null, wouldRefuse: null, removed: [], interruptedRemovals: null,
    deleteUserAttempts: 0, sweeps: 0,
    deletedAt: null, executionId: EXECUTION('AlreadyAbsent'),
  });
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'ListTokens']);
});

test('started for an event (execution named after it): the trigger is accepted and kept in the audit record', async () => {
  const r = await runChecked('TriggeredAlreadyAbsent');
  assert.equal(executionName('TriggeredAlreadyAbsent'), `event-${inputs.TriggeredAlreadyAbsent.trigger.eventId}`);
  assert.deepEqual(r.path, [...HEAD, 'RecordAlreadyAbsent', 'Done']);
  assert.deepEqual(r.output.trigger, inputs.TriggeredAlreadyAbsent.trigger);
  assert.equal(r.output.requestedBy, 'hr-sync');
  assert.equal(r.output.executionId, 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:event-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
});

test('the stack\'s default quarantine comes from validate-request: a request without quarantineDays is quarantined', async () => {
  const r = await runChecked('DefaultQuarantine');
  assert.equal(inputs.DefaultQuarantine.quarantineDays, undefined);
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...QUARANTINE, ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.equal(calls(r, 'RemoveTokensLockOut')[0].input.Payload.quarantineDays, 7);
  assert.equal(r.output.quarantineDays, 7);
  assert.equal(r.output.outcome, 'DELETED');
});

test('protected user: refused with UserProtected, nothing removed', async () => {
  const r = await runChecked('Protected');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'ExplainProtected', 'RefuseOrReport', 'UserProtected']);
  assert.equal(r.error, 'Offboarding.UserProtected');
  assert.match(r.cause, /^Refusing to delete user little_tester: it is tagged as protected/);
  assert.ok(r.cause.includes('{"key":"offboarding:protected","value":"true"}'), r.cause);
  assert.match(r.cause, /Nothing was changed\. .*remove the protection tag/);
  assertNothingChanged(r);
  assert.equal(r.invocations.length, 2);
});

test('recently active: refused with UserRecentlyActive naming the key, when and where it was used, and the way out', async () => {
  const r = await runChecked('RecentlyActiveRefused');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'DescribeRecentActivity', 'ExplainRecentKeyUse', 'RefuseOrReport',
    'UserRecentlyActive']);
  assert.equal(r.error, 'Offboarding.UserRecentlyActive');
  assert.equal(r.cause, 'Refusing to delete user little_tester: it was active recently. Its access key '
    + 'AKIAEXAMPLEKEY000001 was last used at 2026-11-20T16:42:10Z (service "sts", region "us-east-1"). Nothing was changed. '
    + 'To delete it anyway, run again with "force": true; to lock it out now and delete it after a quiet period, '
    + 'run again with "quarantineDays" set to that many days (1 to 90).');
  assertNothingChanged(r);
  assert.equal(r.invocations.length, 2);
});

test('recently active with force: removed and deleted', async () => {
  const r = await runChecked('RecentlyActiveForced');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.force, true);
  assert.deepEqual(r.output.inventory, payloadOf('ListTokensRecentKeyUse'));
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload,
    { inventory: payloadOf('ListTokensRecentKeyUse'), mode: 'REMOVE', dryRun: false, memberAccount: null,
      execution: EXECUTION('RecentlyActiveForced') });
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload),
    [{ userName: USER, attempt: 0, lastAttempt: 50, memberAccount: null, execution: EXECUTION('RecentlyActiveForced') }]);
  assert.equal(r.output.deleteUserAttempts, 1);
  assert.equal(r.output.deletedAt, payloadOf('DeleteUserFirstTry').at);
});

test('dry run of a recently active user: the plan and the guard that would trip, nothing changed', async () => {
  const r = await runChecked('DryRunWouldRefuse');
  assert.deepEqual(r.path, [...HEAD, 'RemoveTokensDryRun', 'CheckGuards', 'DescribeRecentActivity', 'ExplainRecentConsoleUse',
    'RefuseOrReport', 'RecordDryRun', 'Done']);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAll').items);
  assert.ok(r.output.plan.every((item) => item.action.startsWith('WOULD_')));
  assert.equal(r.output.wouldRefuse.error, 'Offboarding.UserRecentlyActive');
  assert.deepEqual(r.output.wouldRefuse.lastActivity, payloadOf('ListTokensRecentConsoleUse').lastActivity);
  assert.match(r.output.wouldRefuse.cause, /console password was last used to sign in at 2026-11-19T08:03:00Z/);
  assert.deepEqual(r.output.removed, []);
  assert.equal(r.output.deletedAt, null);
  assert.deepEqual(calls(r, 'RemoveTokensDryRun').map((c) => c.input.Payload),
    [{ inventory: payloadOf('ListTokensRecentConsoleUse'), mode: 'REMOVE', dryRun: true, memberAccount: null,
      execution: EXECUTION('DryRunWouldRefuse') }]);
  assertNothingChanged(r);
});

test('dry run of a user no guard stops: the plan, wouldRefuse null', async () => {
  const r = await runChecked('DryRunWouldProceed');
  assert.deepEqual(r.path, [...HEAD, 'RemoveTokensDryRun', 'CheckGuards', 'RecordDryRun', 'Done']);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.equal(r.output.wouldRefuse, null);
  assert.equal(r.output.requestedBy, 'alice@example.com');
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAll').items);
  assertNothingChanged(r);
});

// ---- privileged users ----

const ADMIN_REASONS = '["the AWS managed policy AdministratorAccess is attached to it"]';

test('a privileged user: refused with UserPrivileged saying how it can administer the account, nothing changed', async () => {
  const r = await runChecked('Privileged');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'ExplainPrivileged', 'RefuseOrReport', 'UserPrivileged']);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.equal(r.cause, `Refusing to delete user little_tester: it can administer the account (${ADMIN_REASONS}). `
    + 'Nothing was changed. If it really must go, start the offboarding from the console or the offboard command with '
    + '"allowPrivileged": true (an event can never set it).');
  assertNothingChanged(r);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'ListTokens']);
});

test('a privileged user with allowPrivileged: removed (the administrator policy too) and deleted', async () => {
  const r = await runChecked('PrivilegedAllowed');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.allowPrivileged, true);
  assert.equal(r.output.inventory.privileged, true);
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAllPrivileged')]);
  assert.ok(r.output.removed[0].items.some((i) => i.id === 'arn:aws:iam::aws:policy/AdministratorAccess'));
});

test('dry run of a privileged user: the plan, and UserPrivileged as the guard that would trip', async () => {
  const r = await runChecked('DryRunPrivileged');
  assert.deepEqual(r.path, [...HEAD, 'RemoveTokensDryRun', 'CheckGuards', 'ExplainPrivileged', 'RefuseOrReport',
    'RecordDryRun', 'Done']);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.equal(r.output.wouldRefuse.error, 'Offboarding.UserPrivileged');
  assert.deepEqual(r.output.wouldRefuse.privilegeReasons, JSON.parse(ADMIN_REASONS));
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAllPrivileged').items);
  assertNothingChanged(r);
});

test('made an administrator during the quarantine: UserPrivileged, the lock-out is reported, nothing removed', async () => {
  const r = await runChecked('PrivilegedAfterQuarantine');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...QUARANTINE, 'ExplainPrivilegedNow', 'UserPrivileged']);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.equal(r.cause, 'User little_tester was given the rights to administer the account while it was being offboarded '
    + `(${ADMIN_REASONS}), so it was not deleted. Already done by this execution, which its owner may want undone: `
    + `[${JSON.stringify(round('RemoveTokensLockedOut'))}]. To finish the offboarding, start it again with `
    + '"allowPrivileged": true from the console or the offboard command.');
  assert.deepEqual(calls(r, 'RemoveTokens'), []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('made an administrator before a sweep: UserPrivileged listing the removal, and DeleteUser\'s calls counted', async () => {
  const r = await runChecked('PrivilegedBeforeSweep');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, 'ExplainPrivilegedNow', 'UserPrivileged']);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.ok(r.cause.includes(payloadOf('ListTokensAddedToAdminGroup').privilegeReasons[0]), r.cause);
  assert.ok(r.cause.includes(`[${JSON.stringify(round('RemoveTokensRemovedAll'))}]`), r.cause);
  assert.deepEqual(calls(r, 'RemoveTokens').length, 1);
  assert.equal(entered(r, 'UserPrivileged').log.deleteUserCalls, calls(r, 'DeleteUser').length);
  assert.equal(calls(r, 'DeleteUser').length, 51);
});

// ---- quarantine ----

test('quarantine: lock out, wait until quarantineUntil, fresh inventory, remove, delete', async () => {
  const r = await runChecked('Quarantine');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...QUARANTINE, ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.deepEqual(calls(r, 'RemoveTokensLockOut')[0].input.Payload,
    { inventory: payloadOf('ListTokensRecentKeyUse'), mode: 'LOCK_OUT', dryRun: false, quarantineDays: 7, memberAccount: null,
      execution: EXECUTION('Quarantine') });
  const wait = r.events.find((e) => e.type === 'StateEntered' && e.state.name === 'WaitForQuarantine');
  assert.equal(wait.state.input.removal.quarantineUntil, payloadOf('RemoveTokensLockedOut').quarantineUntil);
  assert.equal(definition().States.WaitForQuarantine.TimestampPath, '$.removal.quarantineUntil');
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload.inventory, payloadOf('ListTokensLockedOut'),
    'the removal acts on the fresh inventory');
  assert.equal(r.output.outcome, 'DELETED');
  assert.deepEqual(r.output.inventory, payloadOf('ListTokensRecentKeyUse'), 'the inventory from before the lock-out');
  assert.deepEqual(r.output.removed, [round('RemoveTokensLockedOut'), round('RemoveTokensAfterQuarantine')]);
  assert.equal(r.output.quarantineDays, 7);
});

test('quarantine, user handed back meanwhile (now protected): UserProtected, the lock-out is reported, nothing removed', async () => {
  const r = await runChecked('QuarantineHandedBack');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...QUARANTINE, 'ExplainProtectedNow', 'UserProtected']);
  assert.equal(r.error, 'Offboarding.UserProtected');
  assert.match(r.cause, /^User little_tester was tagged as protected while it was being offboarded/);
  assert.ok(r.cause.includes(JSON.stringify(round('RemoveTokensLockedOut'))), r.cause);
  assert.deepEqual(calls(r, 'RemoveTokens'), []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

// ---- DeleteUser, its conflicts and the sweeps ----

test('DeleteConflict during propagation: DeleteUser retried in place, then DELETED', async () => {
  const r = await runChecked('ConflictsRetried');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['DeleteUser', 'DeleteUser', 'DeleteUser']);
  const conflict = `dev.offboarding.errors.UserDeleteConflictException`;
  assert.deepEqual(r.events.filter((e) => e.type === 'StateFailed').map((e) => [e.state.name, e.Error]),
    [['DeleteUser', conflict], ['DeleteUser', conflict], ['DeleteUser', conflict]]);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload.attempt), [0, 1, 2, 3]);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.deleteUserAttempts, 4);
  assert.equal(r.output.sweeps, 0);
  assert.equal(r.output.accountId, '123456789012');
  assert.equal(r.output.deletedAt, payloadOf('DeleteUserConflictThrice', 3).at);
});

test('retries used up: the 51st call answers STILL_CONFLICTING, a sweep removes what appeared meanwhile, then DELETED', async () => {
  const r = await runChecked('SweepThenDeleted');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.equal(r.retries.filter((s) => s === 'DeleteUser').length, 50);
  const last = calls(r, 'DeleteUser')[50];
  assert.deepEqual([last.input.Payload.attempt, last.input.Payload.lastAttempt], [50, 50]);
  assert.equal(answerOf(last).Return.Payload.outcome, 'STILL_CONFLICTING');
  assert.deepEqual(entered(r, 'SweepOrGiveUp').log, { rounds: JSON.stringify(round('RemoveTokensThenNewKey', 0)), separator: ',',
    sweeps: 0, deleteUserCalls: 51, interruptions: 0, interrupted: null, lastConflict: answerOf(last).Return.Payload.conflict });
  assert.deepEqual(calls(r, 'RemoveTokens')[1].input.Payload.inventory, payloadOf('ListTokensNewKeyAppeared'));
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.sweeps, 1);
  assert.equal(calls(r, 'DeleteUser').length, 52);
  assert.equal(r.output.deleteUserAttempts, 52);
  assert.deepEqual(r.output.removed, [round('RemoveTokensThenNewKey', 0), round('RemoveTokensThenNewKey', 1)]);
  assert.deepEqual(r.output.inventory, payloadOf('ListTokensActive'), 'the inventory from before any removal');
});

test('Lambda errors in a conflicting round: every call counts, so deleteUserAttempts is the real number of calls', async () => {
  const r = await runChecked('SweepAfterLambdaErrors');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.equal(r.retries.filter((s) => s === 'DeleteUser').length, 54, '50 conflicts and 4 Lambda errors');
  const answered = calls(r, 'DeleteUser')[54];
  assert.equal(answered.input.Payload.attempt, 54);
  assert.equal(entered(r, 'SweepOrGiveUp').log.deleteUserCalls, 55, 'the first round: 55 calls, not 51');
  assert.equal(calls(r, 'DeleteUser').length, 56);
  assert.equal(r.output.deleteUserAttempts, 56);
  assert.equal(r.output.sweeps, 1);
});

test('a sweep that finds the user gone ends ALREADY_ABSENT with what was removed', async () => {
  const r = await runChecked('SweepFindsUserGone');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, 'RecordAlreadyAbsent', 'Done']);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
  assert.equal(r.output.sweeps, 1);
  assert.equal(calls(r, 'DeleteUser').length, 51);
  assert.equal(r.output.deleteUserAttempts, 51);
});

test('persistent conflict: three sweeps, then DeleteConflictPersists naming what remains and IAM\'s last answer', async () => {
  const r = await runChecked('ConflictPersists');
  const attempt = [...REMOVE_AND_DELETE, 'ReadDeleteConflict', 'SweepOrGiveUp'];
  const sweep = ['StartSweep', 'SweepListTokens', 'CheckFreshInventory'];
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...attempt, ...sweep, ...attempt, ...sweep, ...attempt, ...sweep, ...attempt,
    'ListTokensRemaining', 'CheckRemaining', 'ExplainConflictPersists', 'DeleteConflictPersists']);
  assert.equal(calls(r, 'DeleteUser').length, 4 * 51);
  assert.equal(entered(r, 'ExplainConflictPersists').log.deleteUserCalls, 4 * 51, 'every DeleteUser call counted');
  assert.equal(calls(r, 'SweepListTokens').length, 3);
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.match(r.cause, /^User little_tester still cannot be deleted: DeleteUser kept answering DeleteConflict through 3 sweeps\./);
  assert.ok(r.cause.includes('A fresh inventory lists 1 blocker(s)'), r.cause);
  assert.ok(r.cause.includes('groups [{"groupName":"qa","arn":"arn:aws:iam::123456789012:group/qa","path":"/"}]'), r.cause);
  assert.ok(r.cause.includes('access keys []'), r.cause);
  assert.ok(r.cause.includes(`Last answer: ${payloadOf('DeleteUserConflictForever', 203).conflict} Remove what is listed`), r.cause);
});

test('user deleted by someone else between removal and DeleteUser: outcome ALREADY_ABSENT from delete-user', async () => {
  const r = await runChecked('DeletedMeanwhile');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
});

// ---- retries and failures ----

test('throttled RemoveTokens (IamRetryableException) is logged with what it did, then run again and succeeds', async () => {
  const r = await runChecked('RemoveTokensThrottled');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'RemoveTokens', 'RecordInterruptedRemoval', 'RetryRemovalOrGiveUp',
    'WaitBeforeRemovalAgain', ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.deepEqual(r.retries, [], 'not a Task Retry: that would drop the interrupted attempt\'s message');
  assert.equal(calls(r, 'RemoveTokens').length, 2);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input, calls(r, 'RemoveTokens')[1].input, 'the same idempotent call');
  assert.equal(r.output.outcome, 'DELETED');
  const interrupted = mocked('RemoveTokensThrottledOnce', 0).Throw;
  assert.deepEqual(r.output.interruptedRemovals, { step: 'RemoveTokens', error: interrupted.Error,
    cause: JSON.parse(interrupted.Cause), before: null },
    'the interrupted attempt, whose message says what it had done, is in the audit record');
  assert.deepEqual(r.output.removed, [round('RemoveTokensThrottledOnce', 1)]);
});

test('a removal interrupted on every attempt: IamUnavailable, and the Cause still names what the first attempt deleted', async () => {
  const r = await runChecked('RemovalInterruptedThroughout');
  const again = ['RecordInterruptedRemoval', 'RetryRemovalOrGiveUp', 'WaitBeforeRemovalAgain', 'RemoveTokens'];
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'RemoveTokens', ...Array(5).fill(again).flat(),
    'RecordInterruptedRemoval', 'RetryRemovalOrGiveUp', 'ExplainIamUnavailable', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(calls(r, 'RemoveTokens').length, 6, 'at most 5 more attempts a round');
  assert.ok(r.cause.startsWith(javaMessage('RemoveTokensInterruptedThroughout', 5)), r.cause);
  assert.ok(r.cause.includes('LOGIN_PROFILE little_tester DELETED, ACCESS_KEY AKIAEXAMPLEKEY000001 DELETED'),
    `the first attempt's deletions are in the Cause: ${r.cause}`);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('Lambda service errors are retried, validate-request\'s too; their retries count as DeleteUser attempts', async () => {
  const r = await runChecked('LambdaServiceErrorsRetried');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['ValidateRequest', 'ListTokens', 'ListTokens', 'DeleteUser']);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload.attempt), [0, 1]);
  assert.equal(r.output.deleteUserAttempts, 2);
});

test('Lambda service errors beyond the retries fail the execution with the Lambda error, bounded', async () => {
  const r = await runChecked('LambdaUnavailable');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ExplainUnexpected', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Lambda.ServiceException', 'the catch-all keeps the error\'s own name');
  assert.ok(r.cause.endsWith(`${DONE_BEFORE}[]${NONE_INTERRUPTED}`), r.cause);
  assert.equal(r.retries.length, definition().States.ListTokens.Retry[0].MaxAttempts);
});

test('access denied on RemoveTokens: AccessDenied with the Java message and nothing done before, DeleteUser never called', async () => {
  const r = await runChecked('AccessDenied');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'RemoveTokens', 'ExplainAccessDenied', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.AccessDenied');
  assert.equal(r.cause, `${javaMessage('RemoveTokensAccessDenied')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('IAM request failure on DeleteUser: IamRequestFailed, not retried, naming the removal done before', async () => {
  const r = await runChecked('IamRequestFailed');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE.slice(0, -1), 'ExplainIamRequestFailed',
    'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.IamRequestFailed');
  assert.equal(r.cause, `${javaMessage('DeleteUserRequestFailed')}${DONE_BEFORE}[${JSON.stringify(round('RemoveTokensRemovedAll'))}]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
});

test('IAM throttling beyond the retries: IamUnavailable after a bounded number of attempts', async () => {
  const r = await runChecked('IamUnavailable');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ExplainIamUnavailable', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(r.cause, `${javaMessage('ListTokensThrottledThroughout')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.equal(calls(r, 'ListTokens').length, definition().States.ListTokens.Retry[1].MaxAttempts + 1);
});

test('IAM unavailable during DeleteUser after a removal: IamUnavailable, the Cause lists that round\'s items', async () => {
  const r = await runChecked('IamUnavailableAfterRemoval');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE.slice(0, -1), 'ExplainIamUnavailable',
    'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(r.cause,
    `${javaMessage('DeleteUserThrottledThroughout')}${DONE_BEFORE}[${JSON.stringify(round('RemoveTokensRemovedAll'))}]${NONE_INTERRUPTED}`);
  for (const item of round('RemoveTokensRemovedAll').items) {
    assert.ok(r.cause.includes(JSON.stringify(item)), item.id);
  }
  assert.equal(calls(r, 'DeleteUser').length, definition().States.DeleteUser.Retry[1].MaxAttempts + 1);
});

test('RemoveTokens timing out (States.Timeout): Offboarding.StepTimedOut saying so, not retried, DeleteUser never called', async () => {
  const r = await runChecked('RemoveTokensTimedOut');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'RemoveTokens', 'ExplainStepTimedOut', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.StepTimedOut');
  assert.equal(r.cause, 'A step stopped before it finished (States.Timeout: ). What it did before it stopped is in its '
    + 'log lines for this execution; run the offboarding again to finish it (every removal is idempotent).'
    + `${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('remove-tokens refusing its input after a lock-out: Offboarding.RemovalRefused, not retried, the lock-out reported', async () => {
  const r = await runChecked('RemovalRefused');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...QUARANTINE, 'RemoveTokens', 'ExplainRemovalRefused', 'DescribeFailure',
    'Failed']);
  assert.equal(r.error, 'Offboarding.RemovalRefused');
  assert.equal(r.cause, `${javaMessage('RemoveTokensRefused')}${DONE_BEFORE}[${JSON.stringify(round('RemoveTokensLockedOut'))}]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('a malformed function setting: Misconfigured with the Java message', async () => {
  const r = await runChecked('Misconfigured');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ExplainMisconfigured', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.Misconfigured');
  assert.equal(r.cause, `${javaMessage('ListTokensMisconfigured')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
});

test('worst case (quarantine, 3 sweeps, every retry used) stays far below 25,000 history events', async (t) => {
  const r = await runChecked('WorstCase');
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.equal(r.path.at(-1), 'DeleteConflictPersists');
  assert.ok(r.path.includes('RemoveTokensLockOut'));
  assert.equal(calls(r, 'ValidateRequest').length, 5);
  assert.equal(calls(r, 'SweepListTokens').length / 10, 3, 'three sweeps, each with 9 retries');
  assert.equal(calls(r, 'DeleteUser').length, 4 * 60, 'each round: 50 conflicts, 4 Lambda errors, 5 throttles, the answer');
  assert.equal(entered(r, 'ExplainConflictPersists').log.deleteUserCalls, 4 * 60, 'every DeleteUser call counted');
  // Standard workflow history: 2 execution events, entered + exited per state, and per Task attempt at most
  // scheduled + started + succeeded/failed (+1 for safety).
  const entries = r.path.length;
  const attempts = r.invocations.length;
  const estimate = 2 + 2 * entries + 4 * attempts;
  t.diagnostic(`worst case: ${entries} state entries, ${attempts} Lambda attempts, about ${estimate} history events`);
  assert.equal(attempts, 355);
  assert.ok(estimate < 2500, `${estimate} history events`);
});

// ---- another account ----

const MEMBER = { accountId: '210987654321', sessionName: 'OtherAccount' };
const ROLE_CHECK = ['InAnotherAccount', 'CheckRoleUsable', 'MemberRoleUsableYet',
  'ConfirmMemberRoleAfterPause', 'CheckRoleUsable', 'MemberRoleUsableYet', 'ConfirmMemberRoleAfterPause', 'CheckRoleUsable',
  'MemberRoleUsableYet', 'ActInMemberAccount'];

test('another account: the offboarding role there is checked until usable, then every function acts through it', async () => {
  const r = await runChecked('OtherAccount');
  assert.deepEqual(r.path, ['ValidateRequest', 'Start', ...ROLE_CHECK, 'ListTokens', 'PrepareRun', 'CheckInventory',
    'CheckGuards', ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.deepEqual(r.retries, ['CheckRoleUsable', 'CheckRoleUsable']);
  assert.deepEqual(calls(r, 'CheckRoleUsable').map((c) => [c.input.Payload.successes, c.input.Payload.attempt]),
    [[0, 0], [0, 1], [0, 2], [1, 0], [2, 0]]);
  assert.deepEqual(calls(r, 'CheckRoleUsable')[0].input.Payload.request, { role: 'offboarding', accountId: '210987654321',
    checks: ['ASSUMABLE'], sessionName: 'OtherAccount', deadlineSeconds: 280 });
  assert.deepEqual(validated('OtherAccount').memberAccount, MEMBER, 'validate-request names the account and session');
  assert.deepEqual(calls(r, 'ListTokens')[0].input.Payload,
    { ...validated('OtherAccount').request, memberAccount: MEMBER, execution: EXECUTION('OtherAccount') });
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload.memberAccount, MEMBER);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload),
    [{ userName: USER, attempt: 0, lastAttempt: 50, memberAccount: MEMBER, execution: EXECUTION('OtherAccount') }]);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.accountId, '210987654321');
});

test('another account whose offboarding role never becomes usable: MemberRoleNotUsable, no IAM call made', async () => {
  const r = await runChecked('OtherAccountRoleNotUsable');
  assert.deepEqual(r.path, [...ENTRY, 'CheckRoleUsable', 'ExplainMemberRoleNotUsable', 'DescribeFailure', 'Failed']);
  assert.equal(r.error, 'Offboarding.MemberRoleNotUsable');
  assert.equal(r.cause, `${javaMessage('CheckRoleUsableMemberRoleNeverDeployed')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'CheckRoleUsable']);
});

test('accountId of the home account or absent: no role check, the home account\'s credentials', async () => {
  for (const testCase of ['ConflictsRetried', 'AlreadyAbsent', 'SweepThenDeleted']) {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path.slice(0, 4), [...ENTRY, 'ListTokens']);
    assert.equal(validated(testCase).memberAccount, null);
    assert.ok(r.invocations.filter((c) => c.state !== 'ValidateRequest').every((c) => c.input.Payload.memberAccount === null));
  }
});

test('every test case of the mock config has a test here', () => {
  // Each case's name appears as a string in this file (the loop cases above are listed literally).
  const source = require('node:fs').readFileSync(__filename, 'utf8');
  assert.deepEqual(Object.keys(testCases).filter((name) => !source.includes(`'${name}'`)), []);
});
