'use strict';

const path = require('node:path');
const { loadDefinition } = require('../../lib/definition');
const { runTestCase } = require('../../lib/mock-config');

const DIR = path.resolve(__dirname, '..', '..');
const DEFINITION_FILE = path.join(DIR, 'offboard-user.asl.json');
const STATE_MACHINE = 'OffboardUser';
const substitutions = require('../substitutions.json');
const mockConfig = require('../MockConfigFile.json');
const inputs = require('../cases');
const executionNames = require('../execution-names');

/**
 * When every test case's execution starts ($$.Execution.StartTime): record-outcome keys each execution's record by
 * it, so the mocked answers (and the real function's, in RecordedAnswersAreTheRealFunctionsIT) depend on it.
 */
const START_TIME = '2026-11-21T09:00:00.000Z';

function definition() {
  return loadDefinition(DEFINITION_FILE, substitutions);
}

/** The Lambda a Task state invokes, by the substitution its FunctionName came from. */
const LAMBDA_OF_ARN = {
  [substitutions.ValidateRequestFunctionArn]: 'validate-request',
  [substitutions.ListTokensFunctionArn]: 'list-tokens',
  [substitutions.RemoveTokensFunctionArn]: 'remove-tokens',
  [substitutions.DeleteUserFunctionArn]: 'delete-user',
  [substitutions.CheckRoleUsableFunctionArn]: 'check-role-usable',
  [substitutions.RecordOutcomeFunctionArn]: 'record-outcome',
};

/** The schemas (schemas/<name>.schema.json) of each Lambda's request and result. */
const RECORDS = Object.fromEntries(Object.values(LAMBDA_OF_ARN)
  .map((lambda) => [lambda, { request: `${lambda}.input`, result: `${lambda}.output` }]));

/** The name a test case's execution runs under: its own, unless execution-names.js names another. */
function executionName(testCase) {
  return executionNames[testCase] ?? testCase;
}

/** The execution id ($$.Execution.Id) of a test case's execution. */
function executionId(testCase) {
  return `arn:aws:states:us-east-1:123456789012:execution:${STATE_MACHINE}:${executionName(testCase)}`;
}

/**
 * Runs a test case of MockConfigFile.json with its input from cases.js, under its execution name, started at
 * START_TIME. Only the
 * propagation Wait, the role check's pause and the pause before an interrupted removal runs again are zeroed
 * (WaitForQuarantine really runs: the mocked quarantineUntil lies in the past). `def` replaces the definition (to
 * show a test failing on another one), `config` the mock config (to show a mock that the real function would not
 * answer failing a test).
 */
function run(testCase, def = definition(), config = mockConfig) {
  return runTestCase({
    definition: def,
    mockConfig: config,
    stateMachineName: STATE_MACHINE,
    testCase,
    executionName: executionName(testCase),
    input: inputs[testCase],
    zeroWaits: ['WaitForPropagation', 'ConfirmMemberRoleAfterPause', 'WaitBeforeRemovalAgain'],
    startTime: START_TIME,
  });
}

module.exports = {
  DIR, DEFINITION_FILE, STATE_MACHINE, START_TIME, substitutions, mockConfig, inputs, definition, run, executionName, executionId,
  LAMBDA_OF_ARN, RECORDS,
};
