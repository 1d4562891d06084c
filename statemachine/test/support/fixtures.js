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

function definition() {
  return loadDefinition(DEFINITION_FILE, substitutions);
}

/** The Lambda a Task state invokes, by the substitution its FunctionName came from. */
const LAMBDA_OF_ARN = {
  [substitutions.ListTokensFunctionArn]: 'list-tokens',
  [substitutions.RemoveTokensFunctionArn]: 'remove-tokens',
  [substitutions.DeleteUserFunctionArn]: 'delete-user',
  [substitutions.CheckRoleUsableFunctionArn]: 'check-role-usable',
};

/** Java request and result record of each Lambda. */
const RECORDS = {
  'list-tokens': { request: 'OffboardingRequest', result: 'UserInventory' },
  'remove-tokens': { request: 'RemoveTokensRequest', result: 'RemoveTokensResult' },
  'delete-user': { request: 'DeleteUserRequest', result: 'DeleteUserResult' },
  'check-role-usable': { request: 'CheckRoleUsableRequest', result: 'CheckRoleUsableResult' },
};

/** Runs a test case of MockConfigFile.json with its input from cases.js. Only the propagation Wait is zeroed. */
function run(testCase) {
  return runTestCase({
    definition: definition(),
    mockConfig,
    stateMachineName: STATE_MACHINE,
    testCase,
    input: inputs[testCase],
    zeroWaits: ['WaitForPropagation', 'ConfirmMemberRoleAfterPause'],
  });
}

module.exports = { DIR, DEFINITION_FILE, STATE_MACHINE, substitutions, mockConfig, inputs, definition, run, LAMBDA_OF_ARN, RECORDS };
