'use strict';

// MockConfigFile.json must stay usable by Step Functions Local and true to the Java contract: every mocked
// Return is what the Lambda would write, every Throw is what the Lambda Java runtime would report.

const test = require('node:test');
const assert = require('node:assert/strict');
const { problems, errorClasses } = require('./support/java-contract');
const { responseSequence } = require('../lib/mock-config');
const { definition, mockConfig, inputs, STATE_MACHINE, LAMBDA_OF_ARN, RECORDS } = require('./support/fixtures');

const def = definition();
const testCases = mockConfig.StateMachines[STATE_MACHINE].TestCases;
const JAVA = 'dev.offboarding.errors.';

/** Which Lambda each mocked response stands for, from the states that use it. */
function lambdaOfResponse() {
  const lambdas = {};
  for (const [name, mapping] of Object.entries(testCases)) {
    for (const [state, response] of Object.entries(mapping)) {
      const lambda = LAMBDA_OF_ARN[def.States[state]?.Parameters?.FunctionName];
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

test('every mocked Return is a lambda:invoke response whose Payload is exactly the Java result record', () => {
  const lambdas = lambdaOfResponse();
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (!entry.Return) {
        continue;
      }
      assert.deepEqual(Object.keys(entry.Return).sort(), ['Payload', 'StatusCode'], `${name}.${key}`);
      assert.equal(entry.Return.StatusCode, 200);
      const record = RECORDS[lambdas[name]].result;
      assert.deepEqual(problems(entry.Return.Payload, record, 'output'), [], `${name}.${key} is not a ${record}`);
    }
  }
});

test('every mocked Throw is what the Lambda Java runtime reports, or a Lambda service error', () => {
  const classes = errorClasses();
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (!entry.Throw) {
        continue;
      }
      const { Error: error, Cause: cause } = entry.Throw;
      assert.equal(typeof cause, 'string', `${name}.${key}`);
      if (error.startsWith('Lambda.')) {
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
