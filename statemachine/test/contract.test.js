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
  const inventory = firstReturn('ListTokensActive');
  assert.deepEqual(problems(inventory, 'list-tokens.output'), []);

  inventory.accessKeys[0].lastUsed.servicename = inventory.accessKeys[0].lastUsed.serviceName;
  delete inventory.accessKeys[0].lastUsed.serviceName;
  inventory.takenAt = 1763640000;

  assert.deepEqual(problems(inventory, 'list-tokens.output'), [
    'list-tokens.output /accessKeys/0/lastUsed: must have required property \'serviceName\' {"missingProperty":"serviceName"}',
    'list-tokens.output /accessKeys/0/lastUsed: must NOT have additional properties {"additionalProperty":"servicename"}',
    'list-tokens.output /takenAt: must be string {"type":"string"}',
  ]);
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

test('a name with no schema is reported, not passed', () => {
  assert.deepEqual(problems({}, 'record-outcome.input'), ['no schema record-outcome.input: expected schemas/record-outcome.input.schema.json']);
});
