'use strict';

// Layer 1: the real definition on aws-local-stepfunctions with the Lambdas mocked from MockConfigFile.json.
// Each test asserts the exact states entered (a Task that failed for an engine reason would take another path),
// the output or the Error/Cause, and which Lambdas were called with what.

const test = require('node:test');
const assert = require('node:assert/strict');
const { problems } = require('./support/java-contract');
const { run, definition, mockConfig, substitutions, LAMBDA_OF_ARN, RECORDS } = require('./support/fixtures');

const USER = 'little_tester';
const HEAD = ['Start', 'InAnotherAccount', 'ListTokens', 'PrepareRun', 'CheckInventory'];
const REMOVE_AND_DELETE = ['RemoveTokens', 'RecordRemoval', 'WaitForPropagation', 'DeleteUser'];
const SWEEP = ['ReadDeleteConflict', 'SweepOrGiveUp', 'StartSweep', 'SweepListTokens', 'CheckFreshInventory'];
const QUARANTINE = ['RemoveTokensLockOut', 'RecordLockOut', 'WaitForQuarantine', 'ListTokensAfterQuarantine', 'CheckFreshInventory'];
const DELETED = [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done'];
const AUDIT_FIELDS = ['outcome', 'userName', 'accountId', 'reason', 'requestedBy', 'trigger', 'force', 'quarantineDays',
  'inventory', 'plan', 'wouldRefuse', 'removed', 'deleteUserAttempts', 'sweeps', 'deletedAt', 'executionId'];
/** The execution id the workflow adds to every payload (for the functions' log lines). */
const EXECUTION = (testCase) => `arn:aws:states:us-east-1:123456789012:execution:OffboardUser:${testCase}`;

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

/** What every run must satisfy, whatever its path. */
function checkRun(result, { strictFirstPayload = true } = {}) {
  for (const call of result.invocations) {
    const lambda = LAMBDA_OF_ARN[call.input.FunctionName];
    assert.ok(lambda, `${call.state} was called with FunctionName ${call.input.FunctionName}`);
    assert.deepEqual(Object.keys(call.input).sort(), ['FunctionName', 'Payload']);
    if (strictFirstPayload || call.state !== 'ListTokens') {
      assert.deepEqual(problems(call.input.Payload, RECORDS[lambda].request, 'input'), [],
        `${call.state} payload does not fit ${RECORDS[lambda].request}`);
    }
  }
  for (const e of result.events.filter((ev) => ev.type === 'StateEntered' && ev.state.name === 'WaitForPropagation')) {
    assert.equal(e.state.input.settings.propagationWaitSeconds, Number(substitutions.PropagationWaitSeconds));
  }
  if (result.status === 'SUCCEEDED') {
    assert.deepEqual(Object.keys(result.output), AUDIT_FIELDS);
    assert.equal(result.output.executionId, `arn:aws:states:us-east-1:123456789012:execution:OffboardUser:${result.testCase}`);
  }
}

async function runChecked(testCase, options) {
  const result = await run(testCase);
  result.testCase = testCase;
  checkRun(result, options);
  return result;
}

function assertNothingChanged(result) {
  assert.deepEqual(calls(result, 'RemoveTokens'), []);
  assert.deepEqual(calls(result, 'RemoveTokensLockOut'), []);
  assert.deepEqual(lambdaCalls(result, 'delete-user'), []);
}

for (const testCase of ['NotAnObject', 'AnArray']) {
  test(`an input that is not a JSON object (${testCase}): Offboarding.InvalidRequest, no Lambda called`, async () => {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'RequestNotAnObject', 'InvalidRequest']);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.match(r.cause, /the input must be a JSON object/);
    assert.deepEqual(r.invocations, []);
  });
}

test('invalid request: refused by list-tokens before any IAM call, Cause is the Java message', async () => {
  const r = await runChecked('InvalidRequest', { strictFirstPayload: false });
  assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'ListTokens', 'ExplainInvalidRequest', 'InvalidRequest']);
  assert.equal(r.error, 'Offboarding.InvalidRequest');
  assert.equal(r.cause, javaMessage('ListTokensInvalidRequest'));
  assert.deepEqual(calls(r, 'ListTokens')[0].input.Payload, { userName: 'little tester', execution: EXECUTION('InvalidRequest') },
    'the raw input, untouched but for the execution id');
  assert.equal(r.invocations.length, 1);
});

test('already absent: succeeds with ALREADY_ABSENT and the request\'s reason, requestedBy and trigger', async () => {
  const r = await runChecked('AlreadyAbsent');
  assert.deepEqual(r.path, [...HEAD, 'RecordAlreadyAbsent', 'Done']);
  assert.deepEqual(r.output, {
    outcome: 'ALREADY_ABSENT', userName: USER, accountId: null, reason: 'Left the company on 2026-11-20',
    requestedBy: 'hr-sync', trigger: require('./cases').AlreadyAbsent.trigger, force: false, quarantineDays: 0, inventory: payloadOf('ListTokensAbsent'), plan: null,
    wouldRefuse: null, removed: [], deleteUserAttempts: 0, sweeps: 0, deletedAt: null,
    executionId: 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:AlreadyAbsent',
  });
  assert.equal(r.invocations.length, 1);
});

test('protected user: refused with UserProtected, nothing removed', async () => {
  const r = await runChecked('Protected');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'ExplainProtected', 'RefuseOrReport', 'UserProtected']);
  assert.equal(r.error, 'Offboarding.UserProtected');
  assert.match(r.cause, /^Refusing to delete user little_tester: it is tagged as protected/);
  assert.ok(r.cause.includes('{"key":"offboarding:protected","value":"true"}'), r.cause);
  assert.match(r.cause, /Nothing was changed\. .*remove the protection tag/);
  assertNothingChanged(r);
  assert.equal(r.invocations.length, 1);
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
  assert.equal(r.invocations.length, 1);
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
    [{ userName: USER, attempt: 0, memberAccount: null, execution: EXECUTION('RecentlyActiveForced') }]);
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

test('retries exhausted: a sweep removes what appeared meanwhile, then DELETED', async () => {
  const r = await runChecked('SweepThenDeleted');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.equal(r.retries.filter((s) => s === 'DeleteUser').length, 50);
  assert.deepEqual(calls(r, 'RemoveTokens')[1].input.Payload.inventory, payloadOf('ListTokensNewKeyAppeared'));
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.sweeps, 1);
  assert.equal(r.output.deleteUserAttempts, 52);
  assert.deepEqual(r.output.removed, [round('RemoveTokensThenNewKey', 0), round('RemoveTokensThenNewKey', 1)]);
  assert.deepEqual(r.output.inventory, payloadOf('ListTokensActive'), 'the inventory from before any removal');
});

test('a sweep that finds the user gone ends ALREADY_ABSENT with what was removed', async () => {
  const r = await runChecked('SweepFindsUserGone');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, ...SWEEP, 'RecordAlreadyAbsent', 'Done']);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
  assert.equal(r.output.sweeps, 1);
  assert.equal(r.output.deleteUserAttempts, 51);
});

test('persistent conflict: three sweeps, then DeleteConflictPersists naming what remains', async () => {
  const r = await runChecked('ConflictPersists');
  const attempt = [...REMOVE_AND_DELETE, 'ReadDeleteConflict', 'SweepOrGiveUp'];
  const sweep = ['StartSweep', 'SweepListTokens', 'CheckFreshInventory'];
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...attempt, ...sweep, ...attempt, ...sweep, ...attempt, ...sweep, ...attempt,
    'ListTokensRemaining', 'CheckRemaining', 'ExplainConflictPersists', 'DeleteConflictPersists']);
  assert.equal(calls(r, 'DeleteUser').length, 4 * 51);
  assert.equal(calls(r, 'SweepListTokens').length, 3);
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.match(r.cause, /^User little_tester still cannot be deleted: DeleteUser kept answering DeleteConflict through 3 sweeps\./);
  assert.ok(r.cause.includes('A fresh inventory lists 1 blocker(s)'), r.cause);
  assert.ok(r.cause.includes('groups [{"groupName":"qa","arn":"arn:aws:iam::123456789012:group/qa","path":"/"}]'), r.cause);
  assert.ok(r.cause.includes('access keys []'), r.cause);
  assert.ok(r.cause.includes(`Last answer: ${javaMessage('DeleteUserConflictForever')}`), r.cause);
});

test('user deleted by someone else between removal and DeleteUser: outcome ALREADY_ABSENT from delete-user', async () => {
  const r = await runChecked('DeletedMeanwhile');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
});

test('explicit nulls for the optional fields read as their defaults', async () => {
  const r = await runChecked('NullOptionalFields');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(calls(r, 'ListTokens')[0].input.Payload,
    { ...require('./cases').NullOptionalFields, execution: EXECUTION('NullOptionalFields') });
  assert.deepEqual([r.output.force, r.output.quarantineDays, r.output.reason], [null, null, null]);
  assert.equal(r.output.outcome, 'DELETED');
});

test('throttled RemoveTokens (IamRetryableException) succeeds on retry', async () => {
  const r = await runChecked('RemoveTokensThrottled');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['RemoveTokens']);
  assert.equal(calls(r, 'RemoveTokens').length, 2);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input, calls(r, 'RemoveTokens')[1].input, 'the same idempotent call');
  assert.equal(r.output.outcome, 'DELETED');
});

test('Lambda service errors are retried; their retries count as DeleteUser attempts', async () => {
  const r = await runChecked('LambdaServiceErrorsRetried');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['ListTokens', 'ListTokens', 'DeleteUser']);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload.attempt), [0, 1]);
  assert.equal(r.output.deleteUserAttempts, 2);
});

test('Lambda service errors beyond the retries fail the execution with the Lambda error, bounded', async () => {
  const r = await runChecked('LambdaUnavailable');
  assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'ListTokens']);
  assert.equal(r.error, 'Lambda.ServiceException');
  assert.equal(r.retries.length, definition().States.ListTokens.Retry[0].MaxAttempts);
});

test('access denied on RemoveTokens: AccessDenied with the Java message, DeleteUser never called', async () => {
  const r = await runChecked('AccessDenied');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', 'RemoveTokens', 'ExplainAccessDenied', 'AccessDenied']);
  assert.equal(r.error, 'Offboarding.AccessDenied');
  assert.equal(r.cause, javaMessage('RemoveTokensAccessDenied'));
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('IAM request failure on DeleteUser: IamRequestFailed, not retried', async () => {
  const r = await runChecked('IamRequestFailed');
  assert.deepEqual(r.path, [...HEAD, 'CheckGuards', ...REMOVE_AND_DELETE, 'ExplainIamRequestFailed', 'IamRequestFailed']);
  assert.equal(r.error, 'Offboarding.IamRequestFailed');
  assert.equal(r.cause, javaMessage('DeleteUserRequestFailed'));
  assert.deepEqual(r.retries, []);
});

test('IAM throttling beyond the retries: IamUnavailable after a bounded number of attempts', async () => {
  const r = await runChecked('IamUnavailable');
  assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'ListTokens', 'ExplainIamUnavailable', 'IamUnavailable']);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(r.cause, javaMessage('ListTokensThrottledThroughout'));
  assert.equal(calls(r, 'ListTokens').length, definition().States.ListTokens.Retry[1].MaxAttempts + 1);
});

test('a malformed function setting: Misconfigured with the Java message', async () => {
  const r = await runChecked('Misconfigured');
  assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'ListTokens', 'ExplainMisconfigured', 'Misconfigured']);
  assert.equal(r.error, 'Offboarding.Misconfigured');
  assert.equal(r.cause, javaMessage('ListTokensMisconfigured'));
});

test('worst case (quarantine, 3 sweeps, every retry used) stays far below 25,000 history events', async (t) => {
  const r = await runChecked('WorstCase');
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.equal(r.path.at(-1), 'DeleteConflictPersists');
  assert.ok(r.path.includes('RemoveTokensLockOut'));
  assert.equal(calls(r, 'SweepListTokens').length / 10, 3, 'three sweeps, each with 9 retries');
  // Standard workflow history: 2 execution events, entered + exited per state, and per Task attempt at most
  // scheduled + started + succeeded/failed (+1 for safety).
  const entries = r.path.length;
  const attempts = r.invocations.length;
  const estimate = 2 + 2 * entries + 4 * attempts;
  t.diagnostic(`worst case: ${entries} state entries, ${attempts} Lambda attempts, about ${estimate} history events`);
  assert.equal(attempts, 350);
  assert.ok(estimate < 2500, `${estimate} history events`);
});

const MEMBER = { accountId: '210987654321', sessionName: 'OtherAccount' };
const ROLE_CHECK = ['InAnotherAccount', 'PrepareMemberAccount', 'CheckRoleUsable', 'MemberRoleUsableYet',
  'ConfirmMemberRoleAfterPause', 'CheckRoleUsable', 'MemberRoleUsableYet', 'ConfirmMemberRoleAfterPause', 'CheckRoleUsable',
  'MemberRoleUsableYet', 'ActInMemberAccount'];

test('another account: the offboarding role there is checked until usable, then every function acts through it', async () => {
  const r = await runChecked('OtherAccount');
  assert.deepEqual(r.path, ['Start', ...ROLE_CHECK, 'ListTokens', 'PrepareRun', 'CheckInventory', 'CheckGuards',
    ...REMOVE_AND_DELETE, 'RecordDeleted', 'Done']);
  assert.deepEqual(r.retries, ['CheckRoleUsable', 'CheckRoleUsable']);
  assert.deepEqual(calls(r, 'CheckRoleUsable').map((c) => [c.input.Payload.successes, c.input.Payload.attempt]),
    [[0, 0], [0, 1], [0, 2], [1, 0], [2, 0]]);
  assert.deepEqual(calls(r, 'CheckRoleUsable')[0].input.Payload.request, { role: 'offboarding', accountId: '210987654321',
    checks: ['ASSUMABLE'], sessionName: 'OtherAccount', deadlineSeconds: 280 });
  assert.deepEqual(calls(r, 'ListTokens')[0].input.Payload,
    { ...require('./cases').OtherAccount, memberAccount: MEMBER, execution: EXECUTION('OtherAccount') });
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload.memberAccount, MEMBER);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload),
    [{ userName: USER, attempt: 0, memberAccount: MEMBER, execution: EXECUTION('OtherAccount') }]);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.accountId, '210987654321');
});

test('another account whose offboarding role never becomes usable: MemberRoleNotUsable, no IAM call made', async () => {
  const r = await runChecked('OtherAccountRoleNotUsable');
  assert.deepEqual(r.path, ['Start', 'InAnotherAccount', 'PrepareMemberAccount', 'CheckRoleUsable',
    'ExplainMemberRoleNotUsable', 'MemberRoleNotUsable']);
  assert.equal(r.error, 'Offboarding.MemberRoleNotUsable');
  assert.equal(r.cause, javaMessage('CheckRoleUsableMemberRoleNeverDeployed'));
  assert.deepEqual(r.invocations.map((c) => c.state), ['CheckRoleUsable']);
});

test('accountId of the home account, null or absent: no role check, the home account\'s credentials', async () => {
  for (const testCase of ['ConflictsRetried', 'NullOptionalFields', 'SweepThenDeleted']) {
    const r = await runChecked(testCase);
    assert.equal(r.path[1], 'InAnotherAccount');
    assert.equal(r.path[2], 'ListTokens');
    assert.ok(r.invocations.every((c) => c.input.Payload.memberAccount === undefined || c.input.Payload.memberAccount === null));
  }
});
