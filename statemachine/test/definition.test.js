'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const aslValidator = require('asl-validator');
const { placeholders, substitute } = require('../lib/definition');
const { errorClasses, ERRORS_DIR } = require('./support/java-contract');
const { DIR, DEFINITION_FILE, definition, substitutions, LAMBDA_OF_ARN } = require('./support/fixtures');

const raw = fs.readFileSync(DEFINITION_FILE, 'utf8');
const def = definition();
const states = Object.entries(def.States);
const tasks = states.filter(([, s]) => s.Type === 'Task');
const LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException'];
const JAVA = 'dev.offboarding.errors.';
const RETRIER_FIELDS = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy'];
const CATCHER_FIELDS = ['ErrorEquals', 'ResultPath', 'Next'];

function retriers() {
  return states.flatMap(([name, s]) => (s.Retry ?? []).map((r) => ({ state: name, ...r })));
}

function catchers() {
  return states.flatMap(([name, s]) => (s.Catch ?? []).map((c) => ({ state: name, ...c })));
}

function successors(state) {
  return [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)]
    .filter(Boolean);
}

/** The Fail state a catcher ends in: directly, or through the Pass state that reads the Java message. */
function failReachedFrom(stateName) {
  let name = stateName;
  for (let hops = 0; hops < 3; hops++) {
    const state = def.States[name];
    if (state.Type === 'Fail') {
      return state;
    }
    if (state.Type !== 'Pass') {
      return null;
    }
    name = state.Next;
  }
  return null;
}

test('the raw definition is valid JSON with exactly the eight substitution placeholders', () => {
  assert.doesNotThrow(() => JSON.parse(raw));
  assert.deepEqual(placeholders(raw).sort(),
    ['CheckRoleUsableFunctionArn', 'DefaultQuarantineDays', 'DeleteUserFunctionArn', 'HomeAccountId',
      'ListTokensFunctionArn', 'OffboardingRoleName', 'PropagationWaitSeconds', 'RemoveTokensFunctionArn']);
  assert.match(raw, /"quarantineDays\.\$": "States\.StringToJson\('\$\{DefaultQuarantineDays\}'\)"/);
  assert.match(raw, /"propagationWaitSeconds\.\$": "States\.StringToJson\('\$\{PropagationWaitSeconds\}'\)"/);
});

test('substitution replaces every placeholder and refuses missing or JSON-breaking values', () => {
  const text = substitute(raw, substitutions);
  assert.deepEqual(placeholders(text), []);
  const { ListTokensFunctionArn, ...missingOne } = substitutions;
  assert.throws(() => substitute(raw, missingOne), /no value for the definition substitution\(s\) ListTokensFunctionArn/);
  assert.throws(() => substitute(raw, { ...substitutions, ListTokensFunctionArn: 'arn"x' }), /quote/);
});

test('asl-validator accepts the substituted definition, paths and ARNs checked', () => {
  const { isValid, errorsText } = aslValidator(def, { checkPaths: true, checkArn: true });
  assert.ok(isValid, errorsText('\n'));
});

test('every ErrorEquals name is States.*, Lambda.* or a class in dev.offboarding.errors', () => {
  const classes = errorClasses();
  const names = [...retriers(), ...catchers()].flatMap((r) => r.ErrorEquals);
  assert.ok(names.length > 0);
  for (const name of new Set(names)) {
    if (name.startsWith('States.') || name.startsWith('Lambda.')) {
      continue;
    }
    assert.ok(name.startsWith(JAVA), `${name} is neither States.*, Lambda.* nor ${JAVA}<Name>`);
    const simple = name.slice(JAVA.length);
    assert.match(simple, /^[A-Z]\w*$/, `${name} is not a simple class name`);
    assert.ok(classes.includes(simple), `${path.join(ERRORS_DIR, simple + '.java')} does not exist`);
  }
});

test('nothing retries or catches States.ALL, and no retrier or catcher has a field AWS does not know', () => {
  for (const r of retriers()) {
    assert.ok(!r.ErrorEquals.includes('States.ALL'), `${r.state} retries States.ALL`);
    assert.ok(!r.ErrorEquals.includes('States.TaskFailed'), `${r.state} retries States.TaskFailed`);
    assert.deepEqual(Object.keys(r).filter((k) => k !== 'state' && !RETRIER_FIELDS.includes(k)), [], `${r.state} retrier`);
  }
  for (const c of catchers()) {
    assert.ok(!c.ErrorEquals.includes('States.ALL'), `${c.state} catches States.ALL`);
    assert.deepEqual(Object.keys(c).filter((k) => k !== 'state' && !CATCHER_FIELDS.includes(k)), [], `${c.state} catcher`);
  }
});

test('every Lambda Task uses lambda:invoke with Payload parameters, reads $.Payload and is named after its Lambda', () => {
  const lambdaName = { 'list-tokens': 'ListTokens', 'remove-tokens': 'RemoveTokens', 'delete-user': 'DeleteUser',
    'check-role-usable': 'CheckRoleUsable' };
  assert.deepEqual(['ListTokens', 'RemoveTokens', 'DeleteUser'].map((n) => def.States[n]?.Type), ['Task', 'Task', 'Task']);
  for (const [name, state] of tasks) {
    assert.equal(state.Resource, 'arn:aws:states:::lambda:invoke', name);
    const lambda = LAMBDA_OF_ARN[state.Parameters.FunctionName];
    assert.ok(lambda, `${name}: FunctionName ${state.Parameters.FunctionName} is not one of the substituted ARNs`);
    assert.ok(name.includes(lambdaName[lambda]), `${name} invokes ${lambda} but its name does not say ${lambdaName[lambda]}`);
    assert.ok('Payload' in state.Parameters || 'Payload.$' in state.Parameters, `${name} has no Payload`);
    assert.ok(Object.values(state.ResultSelector).every((v) => v.startsWith('$.Payload')), `${name} ResultSelector`);
  }
});

test('every Lambda Task retries the Lambda service errors and retryable IAM errors with bounded backoff', () => {
  for (const [name, state] of tasks) {
    const retry = state.Retry ?? [];
    const lambda = retry.find((r) => LAMBDA_ERRORS.every((e) => r.ErrorEquals.includes(e)));
    assert.ok(lambda, `${name} does not retry ${LAMBDA_ERRORS.join(', ')} in one retrier`);
    const iam = retry.find((r) => r.ErrorEquals.includes(`${JAVA}IamRetryableException`));
    assert.ok(iam, `${name} does not retry IamRetryableException`);
    assert.equal(iam.JitterStrategy, 'FULL', `${name}: retryable IAM errors need jitter`);
    for (const r of [lambda, iam]) {
      assert.ok(r.BackoffRate > 1 && r.IntervalSeconds >= 1, `${name}: no backoff`);
      assert.ok(Number.isInteger(r.MaxAttempts) && r.MaxAttempts > 0 && r.MaxAttempts <= 10, `${name}: MaxAttempts`);
      assert.ok(r.MaxDelaySeconds > 0, `${name}: no MaxDelaySeconds`);
    }
    const retried = retry.flatMap((r) => r.ErrorEquals);
    assert.equal(new Set(retried).size, retried.length, `${name}: an error appears in two retriers`);
  }
});

test('every Lambda Task ends non-retryable Java errors in a Fail with a documented Error and the Java message', () => {
  const expected = {
    IamAccessDeniedException: 'Offboarding.AccessDenied',
    IamRequestFailedException: 'Offboarding.IamRequestFailed',
    InvalidConfigurationException: 'Offboarding.Misconfigured',
    IamRetryableException: 'Offboarding.IamUnavailable',
  };
  for (const [name, state] of tasks) {
    for (const [cls, error] of Object.entries(expected)) {
      const catcher = state.Catch.find((c) => c.ErrorEquals.includes(JAVA + cls));
      assert.ok(catcher, `${name} does not catch ${cls}`);
      const fail = failReachedFrom(catcher.Next);
      assert.equal(fail?.Error, error, `${name}: ${cls} should end in ${error}`);
      assert.equal(fail.CausePath, '$.failure.cause.errorMessage');
      assert.equal(def.States[catcher.Next].Parameters['cause.$'], `States.StringToJson(${catcher.ResultPath}.Cause)`);
    }
  }
  const invalid = def.States.ListTokens.Catch.find((c) => c.ErrorEquals.includes(`${JAVA}InvalidRequestException`));
  assert.equal(failReachedFrom(invalid.Next).Error, 'Offboarding.InvalidRequest');
});

test('every Fail state has an Offboarding.* Error that the README documents', () => {
  const readme = fs.readFileSync(path.join(DIR, '..', 'README.md'), 'utf8');
  const fails = states.filter(([, s]) => s.Type === 'Fail');
  assert.deepEqual(fails.map(([, s]) => s.Error).sort(), ['Offboarding.AccessDenied', 'Offboarding.DeleteConflictPersists',
    'Offboarding.IamRequestFailed', 'Offboarding.IamUnavailable', 'Offboarding.InvalidRequest',
    'Offboarding.MemberRoleNotUsable', 'Offboarding.Misconfigured',
    'Offboarding.UserProtected', 'Offboarding.UserRecentlyActive']);
  for (const [name, s] of fails) {
    assert.match(s.Error, /^Offboarding\.[A-Z]\w+$/, name);
    assert.ok(readme.includes(`\`${s.Error}\``), `README does not document ${s.Error}`);
  }
});

test('every state is reachable and every cycle is bounded by the sweep counter', () => {
  const reached = new Set();
  const stack = [def.StartAt];
  while (stack.length) {
    const name = stack.pop();
    if (!reached.has(name)) {
      reached.add(name);
      stack.push(...successors(def.States[name]));
    }
  }
  assert.deepEqual(states.map(([n]) => n).filter((n) => !reached.has(n)), []);

  // Cut the one counted edge; what remains must be acyclic.
  const counter = def.States.StartSweep.Parameters['sweeps.$'];
  assert.equal(counter, 'States.MathAdd($.log.sweeps, 1)');
  const limit = def.States.SweepOrGiveUp.Choices[0];
  assert.deepEqual([limit.Variable, limit.NumericGreaterThanEquals, limit.Next], ['$.log.sweeps', 3, 'ListTokensRemaining']);
  assert.equal(def.States.SweepOrGiveUp.Default, 'StartSweep');
  const visiting = new Set();
  const done = new Set();
  const visit = (name, trail) => {
    if (done.has(name)) {
      return;
    }
    assert.ok(!visiting.has(name), `unbounded cycle: ${[...trail, name].join(' -> ')}`);
    visiting.add(name);
    for (const next of successors(def.States[name])) {
      // The other loop, the member-account role check, is bounded by its deadline (below).
      if (!(name === 'SweepOrGiveUp' && next === 'StartSweep') && !(name === 'ConfirmMemberRoleAfterPause')) {
        visit(next, [...trail, name]);
      }
    }
    visiting.delete(name);
    done.add(name);
  };
  visit(def.StartAt, []);
  // and the counted edge really closes a loop (otherwise the bound above proves nothing)
  assert.ok(successors(def.States.StartSweep).includes('SweepListTokens'));
  // The role check's loop: each pass waits, and every check carries the start time and a deadline within which the
  // function itself ends the wait.
  assert.deepEqual(successors(def.States.ConfirmMemberRoleAfterPause), ['CheckRoleUsable']);
  assert.ok(def.States.ConfirmMemberRoleAfterPause.Seconds >= 1);
  const check = def.States.CheckRoleUsable.Parameters.Payload;
  assert.equal(check['startedAt.$'], '$$.Execution.StartTime');
  assert.ok(check.request.deadlineSeconds > 0 && check.request.deadlineSeconds <= 280);
});

test('the sweep counts DeleteUser calls with the conflict retrier\'s own MaxAttempts', () => {
  const conflict = def.States.DeleteUser.Retry.find((r) => r.ErrorEquals.includes(`${JAVA}UserDeleteConflictException`));
  assert.equal(def.States.StartSweep.Parameters['deleteUserCalls.$'],
    `States.MathAdd($.log.deleteUserCalls, ${conflict.MaxAttempts + 1})`);
  assert.deepEqual(def.States.DeleteUser.Parameters.Payload, { 'userName.$': '$.request.userName', 'attempt.$': '$$.State.RetryCount',
    'memberAccount.$': '$.request.memberAccount', 'execution.$': '$$.Execution.Id' });
});

test('the Promise.withResolvers polyfill is installed before the engine runs a Task', () => {
  require('../lib/local-engine');
  assert.equal(typeof Promise.withResolvers, 'function');
  const { promise, resolve } = Promise.withResolvers();
  resolve(42);
  return promise.then((v) => assert.equal(v, 42));
});
