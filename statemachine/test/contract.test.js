'use strict';

// The schemas in schemas/ catch what they must: a mocked response or a payload that is not what the Java side
// writes or reads, and an execution output that is not an audit record.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { problems, schemaNames, REPO } = require('./support/java-contract');
const { run, definition, mockConfig, substitutions, LAMBDA_OF_ARN, RECORDS } = require('./support/fixtures');

function firstReturn(response) {
  return structuredClone(Object.values(mockConfig.MockedResponses[response]).find((e) => e.Return).Return.Payload);
}

test('every schema compiles in strict mode, and each Lambda the definition calls has an input and an output schema', () => {
  const names = schemaNames();
  for (const name of names) {
    assert.ok(Array.isArray(problems({}, name)), name); // compiling it throws on a keyword ajv does not know
  }
  for (const lambda of Object.values(LAMBDA_OF_ARN)) {
    assert.ok(names.includes(RECORDS[lambda].request) && names.includes(RECORDS[lambda].result), lambda);
  }
  assert.ok(names.includes('audit-record'));
});

test('a mocked Return with a misspelled field, a missing field or a number for an instant is caught', () => {
  const inspection = firstReturn('ListTokensActive');
  assert.deepEqual(problems(inspection, 'list-tokens.output'), []);

  const { inventory } = inspection;
  inventory.accessKeys[0].lastUsed.servicename = inventory.accessKeys[0].lastUsed.serviceName;
  delete inventory.accessKeys[0].lastUsed.serviceName;
  inventory.takenAt = 1763640000;

  assert.deepEqual(problems(inspection, 'list-tokens.output'), [
    'list-tokens.output /inventory/accessKeys/0/lastUsed: must have required property \'serviceName\' {"missingProperty":"serviceName"}',
    'list-tokens.output /inventory/accessKeys/0/lastUsed: must NOT have additional properties {"additionalProperty":"servicename"}',
    'list-tokens.output /inventory/takenAt: must be string {"type":"string"}',
  ]);
});

test('a mocked decision Decider never takes is caught: a removal with a guard, a lock-out without days, a refusal at the last look', () => {
  const { decision } = firstReturn('ListTokensActive');
  assert.equal(decision.kind, 'REMOVE');
  const decided = (change) => problems({ ...firstReturn('ListTokensActive'), decision: { ...decision, ...change } }, 'list-tokens.output');

  assert.ok(decided({ refusedBy: 'PROTECTED' }).includes('list-tokens.output /decision/refusedBy: must be null {"type":"null"}'));
  assert.ok(decided({ kind: 'LOCK_OUT', mode: 'LOCK_OUT' }).includes('list-tokens.output /decision/quarantineDays: must be >= 1 {"comparison":">=","limit":1}'));
  assert.ok(decided({ kind: 'REFUSE', mode: null, phase: 'LAST', refusedBy: 'PRIVILEGED' }).some((p) => p.startsWith('list-tokens.output /decision/phase: must be equal to one of the allowed values')));
  assert.ok(decided({ kind: 'REFUSE', mode: null, phase: 'AGAIN', refusedBy: 'RECENTLY_ACTIVE' }).some((p) => p.startsWith('list-tokens.output /decision/refusedBy: must be equal to one of the allowed values')));
  assert.deepEqual(decided({ phase: 'AGAIN' }), [], 'a removal after a lock-out or before a sweep');
  assert.notDeepEqual(decided({ kind: 'WAIT' }), []);
});

test('a mocked delete-user answer is refused where delete-user never writes it: a conflict without STILL_CONFLICTING', () => {
  const deleted = firstReturn('DeleteUserFirstTry');
  assert.deepEqual(problems(deleted, 'delete-user.output'), []);

  assert.notDeepEqual(problems({ ...deleted, conflict: 'DeleteConflict: must remove tokens first' }, 'delete-user.output'), []);
  assert.notDeepEqual(problems({ ...deleted, outcome: 'GONE' }, 'delete-user.output'), []);
});

test('a definition that builds a payload the function would refuse is caught: DeleteUser sent "attempts"', async () => {
  const def = definition();
  const { 'attempt.$': attempt, ...rest } = def.States.DeleteUser.Parameters.Payload;
  def.States.DeleteUser.Parameters.Payload = { ...rest, 'attempts.$': attempt };

  const r = await run('ConflictsRetried', def);

  const sent = r.invocations.filter((c) => c.state === 'DeleteUser').map((c) => problems(c.input.Payload, 'delete-user.input'));
  assert.ok(sent.length > 0);
  assert.ok(sent.every((p) => p.some((line) => line.includes('"additionalProperty":"attempts"'))), JSON.stringify(sent[0]));
});

test('an execution output that is not an audit record is caught: a dry run that deleted, an unknown field', async () => {
  const r = await run('DryRunWouldProceed');
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(problems(r.output, 'audit-record'), []);

  assert.notDeepEqual(problems({ ...r.output, deletedAt: '2026-11-20T12:00:00Z' }, 'audit-record'), []);
  assert.notDeepEqual(problems({ ...r.output, plan: null }, 'audit-record'), []);
  assert.deepEqual(problems({ ...r.output, note: 'x' }, 'audit-record'),
    ['audit-record /: must NOT have additional properties {"additionalProperty":"note"}']);
});

test('record-outcome is sent the run\'s state as its schema states it: a payload the definition builds wrong is caught', async () => {
  const r = await run('ConflictsRetried');
  const [sent] = r.invocations.filter((c) => c.state === 'RecordOutcome').map((c) => c.input.Payload);
  assert.deepEqual(problems(sent, 'record-outcome.input'), []);
  const [intent] = r.invocations.filter((c) => c.state === 'RecordIntent').map((c) => c.input.Payload);
  assert.deepEqual(problems(intent, 'record-outcome.input'), []);
  assert.ok(problems({ ...intent, latest: null }, 'record-outcome.input').length > 0, 'an intent needs the round it is about');
  assert.ok(problems({ ...sent, stage: 'DONE' }, 'record-outcome.input')
    .some((p) => p.startsWith('record-outcome.input /stage: must be equal to one of the allowed values')));
  const { startedAt, ...unstarted } = sent;
  assert.deepEqual(problems(unstarted, 'record-outcome.input'),
    ['record-outcome.input /: must have required property \'startedAt\' {"missingProperty":"startedAt"}'], 'the start keys the record');

  const { log, ...withoutLog } = sent;
  assert.deepEqual(problems(withoutLog, 'record-outcome.input'),
    ['record-outcome.input /: must have required property \'log\' {"missingProperty":"log"}']);
  assert.deepEqual(problems({ ...sent, log: { ...log, sweep: 0 } }, 'record-outcome.input'),
    ['record-outcome.input /log: must NOT have additional properties {"additionalProperty":"sweep"}']);
  const { sweeps, ...uncounted } = log;
  assert.deepEqual(problems({ ...sent, log: uncounted }, 'record-outcome.input'),
    ['record-outcome.input /log: must have required property \'sweeps\' {"missingProperty":"sweeps"}']);
  assert.ok(problems({ ...sent, execution: 'OffboardUser:ConflictsRetried' }, 'record-outcome.input')
    .some((p) => p.startsWith('record-outcome.input /execution: must match pattern')));
  assert.ok(problems({ ...sent, deletion: { ...sent.deletion, at: 1763640000 } }, 'record-outcome.input')
    .includes('record-outcome.input /deletion/at: must be string {"type":"string"}'));
  assert.ok(problems({ ...sent, request: { ...sent.request, phase: 'NEXT' } }, 'record-outcome.input')
    .some((p) => p.startsWith('record-outcome.input /request/phase: must be equal to one of the allowed values')));

  const def = definition();
  const { 'log.$': logPath, ...rest } = def.States.RecordOutcome.Parameters.Payload;
  def.States.RecordOutcome.Parameters.Payload = { ...rest, 'runLog.$': logPath };
  const broken = await run('ConflictsRetried', def);
  const wrong = broken.invocations.filter((c) => c.state === 'RecordOutcome').map((c) => problems(c.input.Payload, 'record-outcome.input'));
  assert.ok(wrong.length > 0);
  assert.ok(wrong.every((p) => p.includes('record-outcome.input /: must NOT have additional properties {"additionalProperty":"runLog"}')
    && p.includes('record-outcome.input /: must have required property \'log\' {"missingProperty":"log"}')), JSON.stringify(wrong[0]));
});

test('a mocked conclusion record-outcome never writes is caught: a failure recorded as done, a success recorded as refused, a success with an error', () => {
  const failed = firstReturn('RecordOutcomeProtected');
  const succeeded = firstReturn('RecordOutcomeDryRunWouldProceed');
  assert.deepEqual(problems(failed, 'record-outcome.output'), []);
  assert.deepEqual(problems(succeeded, 'record-outcome.output'), []);
  assert.equal(failed.record.outcome, 'REFUSED', 'a refused run has its record too');

  assert.ok(problems({ ...failed, record: succeeded.record }, 'record-outcome.output')
    .some((p) => p.startsWith('record-outcome.output /record/outcome: must be equal to one of the allowed values')));
  assert.ok(problems({ ...succeeded, record: failed.record }, 'record-outcome.output')
    .some((p) => p.startsWith('record-outcome.output /record/outcome: must be equal to one of the allowed values')));
  assert.ok(problems({ ...succeeded, record: null }, 'record-outcome.output')
    .some((p) => p.startsWith('record-outcome.output /record: must be object')));
  assert.ok(problems({ ...succeeded, error: 'Offboarding.UserProtected' }, 'record-outcome.output')
    .includes('record-outcome.output /error: must be null {"type":"null"}'));
  assert.ok(problems({ ...failed, announcement: succeeded.announcement }, 'record-outcome.output')
    .some((p) => p.startsWith('record-outcome.output /announcement/detailType: must be equal to one of the allowed values')),
  'a refusal announced as completed');
  const { recordAt, ...unwritten } = succeeded;
  assert.ok(problems(unwritten, 'record-outcome.output').length > 0, 'a conclusion that does not say where its record is');
});

test('the answers of the stages that only write are where the record is, and OPEN\'s what it found: a record elsewhere is caught', () => {
  const opened = firstReturn('OpenRecordFindsUnfinished');
  const written = firstReturn('RecordIntentInQuarantine');
  assert.deepEqual(problems(opened, 'record-outcome.output'), []);
  assert.deepEqual(problems(written, 'record-outcome.output'), []);

  assert.notDeepEqual(problems({ recordAt: { ...written.recordAt, key: 'little_tester.json' } }, 'record-outcome.output'), [],
    'a key outside <account>/<user>/<startedAt>_<execution>.json');
  assert.notDeepEqual(problems({ ...opened, recovery: { ...opened.recovery, mfaDevices: ['GAHT12345678'] } }, 'record-outcome.output'),
    [], 'a hardware device recovered (only a virtual one is left unassigned by a deactivation)');
  assert.notDeepEqual(problems({ ...opened, failed: false }, 'record-outcome.output'), [], 'half an OPEN answer, half a conclusion');
});

test('every stored record is an audit record: the first (IN_PROGRESS, pending) as the last', () => {
  const [earlier] = Object.values(require('./record-store.json').RecoveredFromUnfinishedRun);
  assert.deepEqual(problems(earlier, 'audit-record'), []);
  assert.equal(earlier.pending.plan.every((item) => item.action.startsWith('WOULD_')), true, 'the plan of the round in flight');

  assert.ok(problems({ ...earlier, error: 'Offboarding.AccessDenied' }, 'audit-record')
    .includes('audit-record /error: must be null {"type":"null"}'), 'an unfinished run has no error yet');
  assert.ok(problems({ ...earlier, deletedAt: '2026-11-20T08:00:09Z' }, 'audit-record').length > 0, 'nor a deletion');
  const deleted = firstReturn('RecordOutcomeQuarantine').record;
  assert.ok(problems({ ...deleted, pending: earlier.pending }, 'audit-record')
    .includes('audit-record /pending: must be null {"type":"null"}'), 'a run that ended has nothing pending');
  const { step, at } = earlier.pending;
  assert.deepEqual(problems({ ...earlier, pending: { step: 'DeleteUser', at } }, 'audit-record'), []);
  assert.notDeepEqual(problems({ ...earlier, pending: { step, at } }, 'audit-record'), [], 'a round\'s intent without its plan');
});

test('an interrupted removal is recorded with its mode, and only RemoveTokens is', async () => {
  const r = await run('RemoveTokensThrottled');
  assert.equal(r.status, 'SUCCEEDED');
  const interrupted = r.output.interruptedRemovals;
  assert.ok(interrupted && interrupted.mode, JSON.stringify(interrupted));
  assert.deepEqual(problems(r.output, 'audit-record'), []);

  const { mode, ...withoutMode } = interrupted;
  assert.deepEqual(problems({ ...r.output, interruptedRemovals: withoutMode }, 'audit-record'),
    ['audit-record /interruptedRemovals: must have required property \'mode\' {"missingProperty":"mode"}',
      'audit-record /interruptedRemovals: must be null {"type":"null"}',
      'audit-record /interruptedRemovals: must match a schema in anyOf']);
  assert.ok(problems({ ...r.output, interruptedRemovals: { ...interrupted, step: 'RemoveTokensLockOut' } }, 'audit-record')
    .includes('audit-record /interruptedRemovals/step: must be equal to constant {"allowedValue":"RemoveTokens"}'));
});

test('a name with no schema is reported, not passed', () => {
  assert.deepEqual(problems({}, 'no-such-function.input'), ['no schema no-such-function.input: expected schemas/no-such-function.input.schema.json']);
});

test('events/offboarding-completed.json is an announcement as EventBridge delivers it: the detail record-outcome makes, the execution in its resources', () => {
  const events = path.join(REPO, 'events');
  const event = JSON.parse(fs.readFileSync(path.join(events, 'offboarding-completed.json'), 'utf8'));
  const { announcement } = JSON.parse(fs.readFileSync(path.join(events, 'record-outcome-output.json'), 'utf8'));
  const { execution } = JSON.parse(fs.readFileSync(path.join(events, 'record-outcome.json'), 'utf8'));

  assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources',
    'detail']);
  assert.equal(event.version, '0');
  assert.equal(event.source, substitutions.OffboardingEventSource, 'the stack\'s default source');
  assert.deepEqual(problems({ detailType: event['detail-type'], detail: event.detail }, 'definitions/announcement.json'), []);
  assert.deepEqual(event.resources, [execution, execution.replace(/:execution:([^:]+):[^:]+$/, ':stateMachine:$1')],
    'the execution and the state machine, as the events:putEvents integration adds them');
  assert.equal(event.account, execution.split(':')[4]);
  assert.equal(event.region, execution.split(':')[3]);
  // The announcement of the run events/record-outcome.json concludes, its record described as S3 holds it.
  assert.equal(event['detail-type'], announcement.detailType);
  const { record, ...rest } = event.detail;
  const { record: documented, ...documentedRest } = announcement.detail;
  assert.deepEqual(rest, documentedRest);
  assert.equal(record.key, documented.key);
  assert.match(record.location, /^s3:\/\/[a-z0-9.-]{3,63}\/records\//);
  assert.ok(record.location.endsWith(`/records/${record.key}`), 'the location is the bucket, the prefix and the key');

  assert.notDeepEqual(problems({ detailType: 'Offboarding Refused', detail: event.detail }, 'definitions/announcement.json'), [],
    'a deletion announced as refused is caught');
  assert.notDeepEqual(problems({ ...event.detail, accessKeySecret: 'x' }, 'definitions/announcement.json#/$defs/detail'), [],
    'nothing but its fields, so never a secret');
});
