'use strict';

// reinstate-user: the definition's shape, its mocked test cases (the Step Functions Local mock-config format, in
// ReinstateUserMockConfigFile.json) and what the function is given. What a reinstate does is Java's (reinstate-user),
// run on the same engine with the real function by local-runtime's ReinstatingAQuarantinedUserTest.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const aslValidator = require('asl-validator');
const { loadDefinition, placeholders } = require('../lib/definition');
const { runTestCase, responseSequence } = require('../lib/mock-config');
const { problems, errorClasses, contract } = require('./support/java-contract');

const DIR = path.resolve(__dirname, '..');
const FILE = path.join(DIR, 'reinstate-user.asl.json');
const substitutions = { ReinstateUserFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:reinstate-user' };
const mockConfig = require('./ReinstateUserMockConfigFile.json');
const inputs = require('./reinstate-user-cases');
const JAVA = 'dev.offboarding.errors.';
const START_TIME = '2026-11-21T09:00:00.000Z';
const def = loadDefinition(FILE, substitutions);
const task = def.States.ReinstateUser;
const states = Object.entries(def.States);
const LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException'];
/** The error each failure of the function ends the execution with (reinstate-user's ReinstateErrors says the same). */
const ERRORS = {
  InvalidRequestException: 'Offboarding.InvalidRequest', UserGoneException: 'Offboarding.UserGone',
  UserRecreatedException: 'Offboarding.UserRecreated', NoLockOutRecordedException: 'Offboarding.NoLockOutRecorded',
  QuarantineAlreadyRemovingException: 'Offboarding.AlreadyRemoving',
  ExecutionNotStoppedException: 'Offboarding.ExecutionNotStopped',
  RecordStoreUnavailableException: 'Offboarding.RecordsUnavailable', IamAccessDeniedException: 'Offboarding.AccessDenied',
  IamRequestFailedException: 'Offboarding.IamRequestFailed', IamRetryableException: 'Offboarding.IamUnavailable',
  InvalidConfigurationException: 'Offboarding.Misconfigured' };

function run(testCase) {
  return runTestCase({ definition: def, mockConfig, stateMachineName: 'ReinstateUser', testCase, input: inputs[testCase],
    startTime: START_TIME });
}

function mockedMessage(response, index) {
  const entry = responseSequence(response, mockConfig.MockedResponses[response])(index);
  return JSON.parse(entry.Throw.Cause).errorMessage;
}

function successors(state) {
  return [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)]
    .filter(Boolean);
}

test('the definition is valid, has one placeholder, and its Java names resolve to classes', () => {
  assert.deepEqual(placeholders(fs.readFileSync(FILE, 'utf8')), ['ReinstateUserFunctionArn']);
  const { isValid, errorsText } = aslValidator(loadDefinition(FILE, substitutions), { checkPaths: true, checkArn: true });
  assert.ok(isValid, errorsText('\n'));
  const names = [...task.Retry, ...task.Catch].flatMap((r) => r.ErrorEquals);
  for (const name of names.filter((n) => !n.startsWith('Lambda.'))) {
    assert.ok(name.startsWith(JAVA), name);
    assert.ok(errorClasses().includes(name.slice(JAVA.length)), `${name} is not a class of dev.offboarding.errors`);
  }
});

test('it is one Task: every state is reachable, nothing loops, and the only other states refuse, add the execution or end', () => {
  const seen = new Set();
  const visit = (name, trail) => {
    assert.ok(!trail.includes(name), `cycle ${[...trail, name].join(' -> ')}`);
    seen.add(name);
    successors(def.States[name]).forEach((n) => visit(n, [...trail, name]));
  };
  visit(def.StartAt, []);
  assert.equal(seen.size, states.length, 'every state is reachable');
  assert.deepEqual(states.filter(([, s]) => s.Type === 'Task').map(([n]) => n), ['ReinstateUser']);
  assert.equal(task.Resource, 'arn:aws:states:::lambda:invoke');
  assert.equal(task.Parameters.FunctionName, substitutions.ReinstateUserFunctionArn);
  assert.ok(task.TimeoutSeconds > 0 && task.TimeoutSeconds <= 900);
});

test('the function is given the caller\'s request with the execution and its start time, which the workflow alone sets', () => {
  assert.deepEqual(def.States.WithTheExecution.Parameters, { 'request.$': '$',
    workflow: { 'execution.$': '$$.Execution.Id', 'startedAt.$': '$$.Execution.StartTime' } });
  assert.equal(task.Parameters['Payload.$'], 'States.JsonMerge($.request, $.workflow, false)',
    'the workflow\'s values last: they replace any the caller sent');
  const fields = Object.keys(task.ResultSelector).map((k) => k.replace(/\.\$$/, ''));
  assert.deepEqual(fields, contract().records.ReinstateUserResult.components.map((c) => c.name));
  assert.ok(Object.values(task.ResultSelector).every((v) => v.startsWith('$.Payload.')));
  assert.deepEqual(def.States.Reinstated, { Type: 'Succeed', Comment: def.States.Reinstated.Comment, OutputPath: '$.answer' });
});

test('it retries the Lambda service errors and the brief refusals of IAM and the store, never States.ALL', () => {
  assert.deepEqual(task.Retry.map((r) => r.ErrorEquals), [LAMBDA_ERRORS, [`${JAVA}IamRetryableException`],
    [`${JAVA}RecordStoreUnavailableException`]]);
  assert.deepEqual(task.Retry[0], { ErrorEquals: LAMBDA_ERRORS, IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 10,
    MaxAttempts: 4, JitterStrategy: 'FULL' });
  for (const retry of task.Retry) {
    assert.ok(retry.MaxAttempts > 0 && retry.MaxAttempts <= 5 && retry.JitterStrategy === 'FULL', JSON.stringify(retry));
  }
  const everything = [...task.Retry, ...task.Catch].flatMap((r) => r.ErrorEquals);
  assert.ok(!everything.includes('States.ALL') && !everything.includes('States.TaskFailed'));
});

test('each failure of the function ends in its own Fail state: its Offboarding.* Error, the Java message as the Cause', () => {
  const ended = Object.fromEntries(task.Catch.map((c) => {
    assert.equal(c.ErrorEquals.length, 1);
    assert.equal(c.ResultPath, '$.caught');
    const explain = def.States[c.Next];
    assert.deepEqual([explain.Type, explain.Parameters, explain.ResultPath],
      ['Pass', { 'cause.$': 'States.StringToJson($.caught.Cause)' }, '$.failure']);
    const fail = def.States[explain.Next];
    assert.deepEqual([fail.Type, fail.CausePath], ['Fail', '$.failure.cause.errorMessage']);
    return [c.ErrorEquals[0].slice(JAVA.length), fail.Error];
  }));
  assert.deepEqual(ended, ERRORS);
});

test('every Error the workflow ends with is an Offboarding.* name that the README documents, each reached by a test case', () => {
  const readme = fs.readFileSync(path.join(DIR, '..', 'README.md'), 'utf8');
  const fails = states.filter(([, s]) => s.Type === 'Fail').map(([, s]) => s.Error);
  for (const error of fails) {
    assert.match(error, /^Offboarding\.[A-Z]\w+$/);
    assert.ok(readme.includes(`\`${error}\``), `README does not document ${error}`);
  }
  const cases = Object.keys(mockConfig.StateMachines.ReinstateUser.TestCases);
  for (const error of new Set(fails)) {
    assert.ok(cases.includes(error.slice('Offboarding.'.length)), `no test case ends in ${error}`);
  }
});

test('the mock config is Step Functions Local\'s shape and true to the Java contract', () => {
  const cases = mockConfig.StateMachines.ReinstateUser.TestCases;
  assert.deepEqual(Object.keys(inputs).sort(), Object.keys(cases).sort());
  for (const [name, response] of Object.entries(mockConfig.MockedResponses)) {
    for (const [key, entry] of Object.entries(response)) {
      if (entry.Return) {
        assert.deepEqual(problems(entry.Return.Payload, 'reinstate-user.output'), [], `${name}.${key}`);
      } else if (!entry.Throw.Error.startsWith('Lambda.')) {
        const cause = JSON.parse(entry.Throw.Cause);
        assert.deepEqual(Object.keys(cause), ['errorMessage', 'errorType', 'stackTrace']);
        assert.equal(cause.errorType, entry.Throw.Error);
        assert.ok(errorClasses().includes(entry.Throw.Error.slice(JAVA.length)));
      }
    }
  }
});

test('a dry run: the function is given the request with the execution, and its answer is the output', async () => {
  const r = await run('DryRun');
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(r.path, ['IsARequest', 'WithTheExecution', 'ReinstateUser', 'Reinstated']);
  const payload = r.invocations[0].input.Payload;
  assert.deepEqual(payload, { userName: 'night_owl', execution: 'arn:aws:states:us-east-1:123456789012:execution:ReinstateUser:DryRun',
    startedAt: START_TIME });
  assert.deepEqual(problems(payload, 'reinstate-user.input'), []);
  assert.deepEqual(r.output, mockConfig.MockedResponses.ReinstateUserDryRun['0'].Return.Payload);
  assert.deepEqual(problems(r.output, 'reinstate-user.output'), []);
});

test('a reinstate: the output is what the function answered', async () => {
  const r = await run('Reinstated');
  assert.equal(r.status, 'SUCCEEDED');
  assert.equal(r.output.outcome, 'REINSTATED');
  assert.equal(r.invocations[0].input.Payload.dryRun, false);
});

test('an execution and a start time the caller sends are replaced by the workflow\'s own', async () => {
  const r = await run('CallersExecutionIsReplaced');
  const payload = r.invocations[0].input.Payload;
  assert.equal(payload.execution, 'arn:aws:states:us-east-1:123456789012:execution:ReinstateUser:CallersExecutionIsReplaced');
  assert.equal(payload.startedAt, START_TIME);
});

test('an input that is not an object is refused before the function is called', async () => {
  for (const input of [['night_owl'], 'night_owl', {}]) {
    const r = await runTestCase({ definition: def, mockConfig, stateMachineName: 'ReinstateUser', testCase: 'NotARequest',
      input, startTime: START_TIME });
    assert.equal(r.status, 'FAILED', JSON.stringify(input));
    assert.deepEqual(r.path, ['IsARequest', 'NotARequest']);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.match(r.cause, /must be a JSON object naming the user to reinstate/);
    assert.deepEqual(r.invocations, []);
  }
});

test('a Lambda service error and IAM throttling are retried, then the answer is the output', async () => {
  for (const testCase of ['LambdaServiceErrorRetried', 'IamThrottlingRetried']) {
    const r = await run(testCase);
    assert.equal(r.status, 'SUCCEEDED', testCase);
    assert.deepEqual(r.retries, ['ReinstateUser'], testCase);
    assert.equal(r.invocations.length, 2);
  }
});

for (const [java, error] of Object.entries(ERRORS)) {
  const testCase = error.slice('Offboarding.'.length);
  test(`${java} ends the execution as ${error} with the function's message`, async () => {
    const r = await run(testCase);
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, error);
    assert.equal(r.cause, mockedMessage(`ReinstateUser${testCase}`, 0));
    assert.deepEqual(r.path.slice(-3), ['ReinstateUser', `Explain${testCase}`, testCase]);
    const retried = java === 'IamRetryableException' ? 5 : java === 'RecordStoreUnavailableException' ? 3 : 0;
    assert.equal(r.retries.length, retried, `${java} is retried ${retried} times`);
  });
}
