'use strict';

// The schemas in schemas/ catch what they must: a mocked response or a payload that is not what the Java side
// writes or reads, and an execution output that is not an audit record.

const test = require('node:test');
const assert = require('node:assert/strict');
const { problems, schemaNames } = require('./support/java-contract');
const { run, definition, mockConfig, LAMBDA_OF_ARN, RECORDS } = require('./support/fixtures');

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

test('a mocked conclusion record-outcome never writes is caught: a failure with a record, a success without one', () => {
  const failed = firstReturn('RecordOutcomeProtected');
  const succeeded = firstReturn('RecordOutcomeDryRunWouldProceed');
  assert.deepEqual(problems(failed, 'record-outcome.output'), []);
  assert.deepEqual(problems(succeeded, 'record-outcome.output'), []);

  assert.ok(problems({ ...failed, record: succeeded.record }, 'record-outcome.output')
    .includes('record-outcome.output /record: must be null {"type":"null"}'));
  assert.ok(problems({ ...succeeded, record: null }, 'record-outcome.output')
    .some((p) => p.startsWith('record-outcome.output /record: must be object')));
  assert.ok(problems({ ...succeeded, error: 'Offboarding.UserProtected' }, 'record-outcome.output')
    .includes('record-outcome.output /error: must be null {"type":"null"}'));
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
