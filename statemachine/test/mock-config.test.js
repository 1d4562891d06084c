'use strict';

// MockConfigFile.json must stay usable by Step Functions Local and true to the Java contract: every mocked
// Return is what the Lambda would write, every Throw is what the Lambda Java runtime would report.

const test = require('node:test');
const assert = require('node:assert/strict');
const { problems, errorClasses } = require('./support/java-contract');
const { responseSequence } = require('../lib/mock-config');
const { refusal, validatedRequest } = require('./support/validated-request');
const { definition, mockConfig, inputs, executionName, STATE_MACHINE, LAMBDA_OF_ARN, RECORDS } = require('./support/fixtures');
const { withGeneratedMocks } = require('./support/record-mocks');
const { ANNOUNCING_STATES, seeded, SEEDED } = require('./support/records');

const def = definition();
const testCases = mockConfig.StateMachines[STATE_MACHINE].TestCases;
const JAVA = 'dev.offboarding.errors.';
/** Errors Step Functions itself reports for a Task: its TimeoutSeconds, and Lambda's runtime timing out. */
const SERVICE_ERRORS = ['States.Timeout', 'Sandbox.Timedout'];
/** The mocked responses of the events:putEvents Tasks stand for EventBridge. */
const EVENTBRIDGE = 'eventbridge';

/** Which Lambda (or EventBridge) each mocked response stands for, from the states that use it. */
function lambdaOfResponse() {
  const lambdas = {};
  for (const [name, mapping] of Object.entries(testCases)) {
    for (const [state, response] of Object.entries(mapping)) {
      const lambda = ANNOUNCING_STATES.includes(state) ? EVENTBRIDGE : LAMBDA_OF_ARN[def.States[state]?.Parameters?.FunctionName];
      assert.ok(lambda, `test case ${name}: ${state} is not a Lambda Task state of the definition`);
      assert.ok(!lambdas[response] || lambdas[response] === lambda, `${response} is used for two different Lambdas`);
      lambdas[response] = lambda;
    }
  }
  return lambdas;
}

test('the mock config has the Step Functions Local shape and every response is used', () => {
  assert.deepEqual(Object.keys(mockConfig).sort(), ['MockedResponses', 'StateMachines']);
  assert.deepEqual(Object.keys(mockConfig.StateMachines), [STATE_MACHINE]);
  const used = new Set(Object.values(testCases).flatMap((m) => Object.values(m)));
  assert.deepEqual(Object.keys(mockConfig.MockedResponses).filter((r) => !used.has(r)), []);
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    let expected = 0;
    const ranges = Object.keys(response).map((k) => k.split('-').map(Number)).sort((a, b) => a[0] - b[0]);
    for (const [from, to = from] of ranges) {
      assert.equal(from, expected, `${name}: invocation indexes must run from 0 without gaps or overlaps`);
      expected = to + 1;
    }
    assert.doesNotThrow(() => responseSequence(name, response));
  }
});

test('every test case has an input in cases.js, and every input a test case', () => {
  assert.deepEqual(Object.keys(inputs).sort(), Object.keys(testCases).sort());
});

test('every mocked Return is a lambda:invoke response whose Payload is exactly what the function writes (its output schema)', () => {
  const lambdas = lambdaOfResponse();
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (!entry.Return) {
        continue;
      }
      if (lambdas[name] === EVENTBRIDGE) {
        // What the events:putEvents integration returns: PutEvents' answer, every entry put (none failed).
        assert.deepEqual(Object.keys(entry.Return), ['Entries', 'FailedEntryCount'], `${name}.${key}`);
        assert.equal(entry.Return.FailedEntryCount, 0, `${name}.${key}: a failed entry is EventBridge.FailedEntry, thrown`);
        assert.ok(entry.Return.Entries.length === 1 && /^[\w-]+$/.test(entry.Return.Entries[0].EventId), `${name}.${key}`);
        continue;
      }
      assert.deepEqual(Object.keys(entry.Return).sort(), ['Payload', 'StatusCode'], `${name}.${key}`);
      assert.equal(entry.Return.StatusCode, 200);
      const schema = RECORDS[lambdas[name]].result;
      assert.deepEqual(problems(entry.Return.Payload, schema), [], `${name}.${key} is not a ${schema}`);
    }
  }
});

test('every mocked Throw is what the Lambda Java runtime reports, or a Lambda service error, or EventBridge\'s', () => {
  const classes = errorClasses();
  const lambdas = lambdaOfResponse();
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (!entry.Throw) {
        continue;
      }
      const { Error: error, Cause: cause } = entry.Throw;
      assert.equal(typeof cause, 'string', `${name}.${key}`);
      if (lambdas[name] === EVENTBRIDGE) {
        assert.ok(['EventBridge.FailedEntry', 'EventBridge.AmazonEventBridgeException'].includes(error), `${name}.${key}: ${error}`);
        continue;
      }
      if (error.startsWith('Lambda.') || SERVICE_ERRORS.includes(error)) {
        continue;
      }
      assert.ok(error.startsWith(JAVA) && classes.includes(error.slice(JAVA.length)), `${name}.${key}: ${error}`);
      const payload = JSON.parse(cause);
      assert.deepEqual(Object.keys(payload), ['errorMessage', 'errorType', 'stackTrace'], `${name}.${key}`);
      assert.equal(payload.errorType, error);
      assert.equal(typeof payload.errorMessage, 'string');
      assert.ok(Array.isArray(payload.stackTrace));
    }
  }
});

test('every test case starts with validate-request, mocked as the real function answers that input', () => {
  for (const [name, mapping] of Object.entries(testCases)) {
    assert.ok(mapping.ValidateRequest, `${name} does not mock ValidateRequest, the first state`);
    const response = mockConfig.MockedResponses[mapping.ValidateRequest];
    const answers = Object.values(response).filter((e) => !e.Throw?.Error.startsWith('Lambda.'));
    assert.equal(answers.length, 1, `${name}: validate-request answers once (Lambda service errors aside)`);
    const [answer] = answers;
    const input = inputs[name];
    const why = refusal(input, executionName(name));
    if (answer.Throw) {
      assert.ok([`${JAVA}InvalidRequestException`, `${JAVA}InvalidConfigurationException`].includes(answer.Throw.Error),
        `${name}: validate-request raises only InvalidRequest or InvalidConfiguration`);
      continue;
    }
    assert.equal(why, null, `${name}: validate-request refuses an input with ${why}, the mock accepts it`);
    const { quarantineDays } = answer.Return.Payload.request;
    const stackDefault = input.quarantineDays === undefined ? quarantineDays : 0;
    assert.ok(Number.isInteger(stackDefault) && stackDefault >= 0 && stackDefault <= 90, `${name}: stack default`);
    assert.deepEqual(answer.Return.Payload, validatedRequest(input, executionName(name), stackDefault),
      `${name}: not what validate-request answers for ${JSON.stringify(input)} in execution ${executionName(name)}`);
  }
});

test('every test case validate-request accepts mocks record-outcome, which ends every path after validation', () => {
  for (const [name, mapping] of Object.entries(testCases)) {
    const accepted = Object.values(mockConfig.MockedResponses[mapping.ValidateRequest]).some((e) => e.Return);
    assert.equal(Boolean(mapping.RecordOutcome), accepted, `${name}: RecordOutcome mocked ${accepted ? 'once accepted' : 'after a refusal'}`);
    if (!accepted) {
      continue;
    }
    // Its answer is the real function's (checked by RecordedAnswersAreTheRealFunctionsIT), or a service error, or
    // the store's refusal.
    const answers = Object.values(mockConfig.MockedResponses[mapping.RecordOutcome]);
    assert.ok(answers.filter((e) => e.Return).length <= 1, `${name}: record-outcome answers once`);
    assert.ok(answers.every((e) => e.Return || e.Throw.Error.startsWith('Lambda.')
      || e.Throw.Error === `${JAVA}RecordStoreUnavailableException`), `${name}: record-outcome throws only Lambda.* or the store's refusal`);
    assert.ok(mapping.OpenRecord, `${name}: the record is opened`);
  }
});

test('the record stages\' and the announcements\' mocks are what test/support/record-mocks.js makes (run it after changing a test case)', async () => {
  assert.deepEqual(await withGeneratedMocks(mockConfig), mockConfig);
});

test('an OpenRecord answer that finds an unfinished run finds it in its test case\'s store (test/record-store.json)', () => {
  for (const [name, mapping] of Object.entries(testCases)) {
    const found = Object.values(mockConfig.MockedResponses[mapping.OpenRecord] ?? {}).find((e) => e.Return)?.Return.Payload.recovery;
    const store = seeded(name);
    if (!found) {
      assert.ok(Object.values(store).every((record) => record.outcome !== 'IN_PROGRESS'), `${name}: its store holds an unfinished record`);
      continue;
    }
    const earlier = store[found.key];
    assert.ok(earlier, `${name}: ${found.key} is not in its store`);
    assert.equal(earlier.outcome, 'IN_PROGRESS');
    assert.equal(found.executionId, earlier.executionId);
  }
  assert.deepEqual(Object.keys(SEEDED).filter((name) => !testCases[name]), [], 'every seeded store is a test case\'s');
  assert.deepEqual(Object.keys(seeded('NoSuchTestCase')), []);
});

test('the refusals the mocks must follow: what validate-request refuses before reading any field', () => {
  assert.equal(refusal(null, 'x'), 'not a JSON object');
  assert.equal(refusal([], 'x'), 'not a JSON object');
  assert.equal(refusal('bob', 'x'), 'not a JSON object');
  assert.equal(refusal(42, 'x'), 'not a JSON object');
  assert.equal(refusal({ userName: 'bob', dryRun: null }, 'x'), 'an explicit null');
  assert.equal(refusal({ userName: 'bob', trigger: { eventId: 'e', time: null } }, 'event-e'), 'an explicit null');
  assert.equal(refusal({ userName: 'bob', memberAccount: { accountId: '210987654321' } }, 'x'),
    'memberAccount, which only the workflow sets');
  assert.equal(refusal({ userName: 'bob', phase: 'LAST' }, 'x'), 'phase, which only the workflow sets');
  const trigger = { eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', source: 'hr.system', time: '2026-11-20T12:00:00Z' };
  assert.equal(refusal({ userName: 'bob', trigger }, 'my-run'), 'a trigger this execution was not started for');
  assert.equal(refusal({ userName: 'bob', trigger }, 'event-6a7e8feb-b491-4cf7-a9f1-bf3703467718'), null);
  assert.equal(refusal({ userName: 'bob', trigger: { ...trigger, eventId: 'a b' } }, 'event-a b'),
    'a trigger this execution was not started for', 'an unsafe id is hashed');
  for (const name of ['NotAnObject', 'AnArray', 'NullInput', 'NullOptionalFields', 'TriggerNotBound']) {
    assert.ok(refusal(inputs[name], executionName(name)), `${name} is meant to be refused`);
  }
  assert.equal(refusal(inputs.TriggeredAlreadyAbsent, executionName('TriggeredAlreadyAbsent')), null);
});
