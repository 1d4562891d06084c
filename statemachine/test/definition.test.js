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
const REMOVALS = ['RemoveTokens', 'RemoveTokensLockOut'];
/** A Task that ran out of time: its TimeoutSeconds, Lambda's own timeout, or the Lambda runtime dying. */
const TIMEOUT_ERRORS = ['States.Timeout', 'Sandbox.Timedout', 'Lambda.Unknown'];
/** Errors Step Functions and Lambda report for a Task that are neither States.* nor Lambda.*. */
const SERVICE_ERRORS = ['Sandbox.Timedout'];
const ROUNDS_SO_FAR = "States.Format('{} Before this step this execution had removed or deactivated (nothing if empty):"
  + " [{}]. Removal attempts interrupted midway, newest first, each ending with what it had done (null if none): {}',"
  + " $.failure.cause.errorMessage, $.log.rounds, States.JsonToString($.log.interrupted))";

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

/**
 * Where a catcher's Next leads: through Pass states (at most three) to a Fail state, and the Error that Fail ends
 * the execution with. A Fail with ErrorPath "$.failure.error" reports what the Pass states on the way wrote there
 * (an Explain state's literal "error", carried on by "error.$": "$.failure.error").
 */
function failReachedFrom(stateName) {
  let name = stateName;
  let failureError;
  const passes = [];
  for (let hops = 0; hops <= 3; hops++) {
    const state = def.States[name];
    if (state.Type === 'Fail') {
      const error = state.Error ?? (state.ErrorPath === '$.failure.error' ? failureError : undefined);
      return { name, state, error, passes };
    }
    if (state.Type !== 'Pass') {
      return null;
    }
    passes.push(name);
    if (state.ResultPath === '$.failure') {
      const parameters = state.Parameters ?? {};
      failureError = Object.hasOwn(parameters, 'error') ? parameters.error
        : parameters['error.$'] === '$.failure.error' ? failureError : undefined;
    }
    name = state.Next;
  }
  return null;
}

/** The error names a Fail state can end the execution with. */
function errorsOf(failName) {
  const fail = def.States[failName];
  if (fail.Error) {
    return [fail.Error];
  }
  // From each first Pass state of a chain (one no other Pass state leads to).
  const inner = new Set(states.filter(([, s]) => s.Type === 'Pass').map(([, s]) => s.Next));
  // ExplainUnexpected keeps whatever name the error had (not one of the product's own).
  return states.filter(([n, s]) => s.Type === 'Pass' && !inner.has(n) && !('error.$' in (s.Parameters ?? {})))
    .map(([n]) => failReachedFrom(n))
    .filter((f) => f?.name === failName).map((f) => f.error);
}

test('the raw definition is valid JSON with exactly the seven substitution placeholders, each given by the suite', () => {
  assert.doesNotThrow(() => JSON.parse(raw));
  assert.deepEqual(placeholders(raw).sort(),
    ['CheckRoleUsableFunctionArn', 'DeleteUserFunctionArn', 'ListTokensFunctionArn', 'OffboardingRoleName',
      'PropagationWaitSeconds', 'RemoveTokensFunctionArn', 'ValidateRequestFunctionArn']);
  assert.match(raw, /"propagationWaitSeconds\.\$": "States\.StringToJson\('\$\{PropagationWaitSeconds\}'\)"/);
  assert.deepEqual(Object.keys(substitutions).sort(), placeholders(raw).sort(),
    'test/substitutions.json gives a value to each placeholder and to nothing else');
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

test('every ErrorEquals name is States.*, Lambda.*, Sandbox.Timedout or a class in dev.offboarding.errors', () => {
  const classes = errorClasses();
  const names = [...retriers(), ...catchers()].flatMap((r) => r.ErrorEquals);
  assert.ok(names.length > 0);
  for (const name of new Set(names)) {
    if (name.startsWith('States.') || name.startsWith('Lambda.') || SERVICE_ERRORS.includes(name)) {
      continue;
    }
    assert.ok(name.startsWith(JAVA), `${name} is neither States.*, Lambda.* nor ${JAVA}<Name>`);
    const simple = name.slice(JAVA.length);
    assert.match(simple, /^[A-Z]\w*$/, `${name} is not a simple class name`);
    assert.ok(classes.includes(simple), `${path.join(ERRORS_DIR, simple + '.java')} does not exist`);
  }
});

test('nothing retries States.ALL; it is caught only last, after validation, keeping the error\'s own name', () => {
  for (const r of retriers()) {
    assert.ok(!r.ErrorEquals.includes('States.ALL'), `${r.state} retries States.ALL`);
    assert.ok(!r.ErrorEquals.includes('States.TaskFailed'), `${r.state} retries States.TaskFailed`);
    assert.deepEqual(Object.keys(r).filter((k) => k !== 'state' && !RETRIER_FIELDS.includes(k)), [], `${r.state} retrier`);
  }
  for (const c of catchers()) {
    assert.deepEqual(Object.keys(c).filter((k) => k !== 'state' && !CATCHER_FIELDS.includes(k)), [], `${c.state} catcher`);
  }
  for (const [name, state] of tasks) {
    const all = state.Catch.filter((c) => c.ErrorEquals.includes('States.ALL'));
    if (name === 'ValidateRequest') {
      assert.deepEqual(all, [], 'before validation nothing has been done: no catch-all');
      continue;
    }
    assert.deepEqual(all, [state.Catch.at(-1)], `${name}: States.ALL is caught last, alone`);
    assert.deepEqual(all[0].ErrorEquals, ['States.ALL']);
    assert.equal(all[0].Next, 'ExplainUnexpected');
  }
  // The failure keeps the name the error had: only the Cause gains what this execution had already done.
  assert.deepEqual(def.States.ExplainUnexpected.Parameters, { 'error.$': '$.caught.Error',
    cause: { 'errorMessage.$': '$.caught.Cause' } });
  assert.equal(def.States.ExplainUnexpected.Next, 'DescribeFailure');
});

test('every Lambda Task uses lambda:invoke with Payload parameters, reads $.Payload and is named after its Lambda', () => {
  const lambdaName = { 'list-tokens': 'ListTokens', 'remove-tokens': 'RemoveTokens', 'delete-user': 'DeleteUser',
    'check-role-usable': 'CheckRoleUsable', 'validate-request': 'ValidateRequest' };
  assert.deepEqual(['ValidateRequest', 'ListTokens', 'RemoveTokens', 'DeleteUser'].map((n) => def.States[n]?.Type),
    ['Task', 'Task', 'Task', 'Task']);
  for (const [name, state] of tasks) {
    assert.equal(state.Resource, 'arn:aws:states:::lambda:invoke', name);
    const lambda = LAMBDA_OF_ARN[state.Parameters.FunctionName];
    assert.ok(lambda, `${name}: FunctionName ${state.Parameters.FunctionName} is not one of the substituted ARNs`);
    assert.ok(name.includes(lambdaName[lambda]), `${name} invokes ${lambda} but its name does not say ${lambdaName[lambda]}`);
    assert.ok('Payload' in state.Parameters || 'Payload.$' in state.Parameters, `${name} has no Payload`);
    assert.ok(Object.values(state.ResultSelector).every((v) => v.startsWith('$.Payload')), `${name} ResultSelector`);
  }
});

test('every Lambda Task retries the Lambda service errors, and every one that calls IAM retryable IAM errors, with bounded backoff', () => {
  for (const [name, state] of tasks) {
    const retry = state.Retry ?? [];
    const lambda = retry.find((r) => LAMBDA_ERRORS.every((e) => r.ErrorEquals.includes(e)));
    assert.ok(lambda, `${name} does not retry ${LAMBDA_ERRORS.join(', ')} in one retrier`);
    const checked = [lambda];
    if (name === 'ValidateRequest') {
      // It calls neither IAM nor STS: its own errors are final, so nothing else is retried.
      assert.deepEqual(retry, [lambda], 'ValidateRequest retries only the Lambda service errors');
    } else {
      const iam = retry.find((r) => r.ErrorEquals.includes(`${JAVA}IamRetryableException`));
      if (REMOVALS.includes(name)) {
        // A removal interrupted midway has done part of its round: a Retry would drop the error that says what, so
        // the definition catches it, logs it and runs the step again itself.
        assert.equal(iam, undefined, `${name} must not retry IamRetryableException (it would lose what was done)`);
        const caught = state.Catch.find((c) => c.ErrorEquals.includes(`${JAVA}IamRetryableException`));
        assert.ok(caught?.Next.startsWith('RecordInterrupted'), `${name} catches IamRetryableException into its log`);
      } else {
        assert.ok(iam, `${name} does not retry IamRetryableException`);
        assert.equal(iam.JitterStrategy, 'FULL', `${name}: retryable IAM errors need jitter`);
        checked.push(iam);
      }
    }
    for (const r of checked) {
      assert.ok(r.BackoffRate > 1 && r.IntervalSeconds >= 1, `${name}: no backoff`);
      assert.ok(Number.isInteger(r.MaxAttempts) && r.MaxAttempts > 0 && r.MaxAttempts <= 10, `${name}: MaxAttempts`);
      assert.ok(r.MaxDelaySeconds > 0, `${name}: no MaxDelaySeconds`);
    }
    const retried = retry.flatMap((r) => r.ErrorEquals);
    assert.equal(new Set(retried).size, retried.length, `${name}: an error appears in two retriers`);
    assert.ok(!retried.some((e) => TIMEOUT_ERRORS.includes(e)), `${name}: a step that timed out is not run again blindly`);
  }
});

test('validate-request comes first: its input is the raw execution input, its refusals end the execution before any other Task', () => {
  assert.equal(def.StartAt, 'ValidateRequest');
  const validate = def.States.ValidateRequest;
  assert.deepEqual(validate.Parameters.Payload, { 'request.$': '$$.Execution.Input', 'executionName.$': '$$.Execution.Name',
    'execution.$': '$$.Execution.Id' });
  assert.deepEqual(validate.ResultSelector, { 'request.$': '$.Payload.request', 'memberAccount.$': '$.Payload.memberAccount' });
  assert.ok(!('ResultPath' in validate) && !('InputPath' in validate) && !('OutputPath' in validate),
    'the result replaces the raw input (an explicit "$" would be read as a key by the local engine)');
  assert.equal(validate.Next, 'Start');
  const ends = Object.fromEntries(validate.Catch.map((c) => [c.ErrorEquals.join(), failReachedFrom(c.Next)]));
  assert.deepEqual(Object.keys(ends), [`${JAVA}InvalidRequestException`, `${JAVA}InvalidConfigurationException`]);
  assert.equal(ends[`${JAVA}InvalidRequestException`].error, 'Offboarding.InvalidRequest');
  assert.equal(ends[`${JAVA}InvalidConfigurationException`].error, 'Offboarding.Misconfigured');
  for (const [cls, end] of Object.entries(ends)) {
    const explain = def.States[end.passes[0]];
    assert.equal(explain.Parameters['cause.$'], 'States.StringToJson($.Cause)', `${cls}: no ResultPath, the error is the input`);
    assert.equal(end.state.CausePath, '$.failure.cause.errorMessage', `${cls}: the Java message is the Cause`);
  }
  // Start reads only validate-request's result, and the account to act in is validate-request's memberAccount.
  assert.equal(def.States.Start.Parameters['request.$'], '$.request');
  assert.deepEqual(def.States.Start.Parameters.memberAccess, { 'memberAccount.$': '$.memberAccount' });
  assert.deepEqual(def.States.InAnotherAccount.Choices,
    [{ Variable: '$.memberAccess.memberAccount', IsNull: false, Next: 'CheckRoleUsable' }]);
  assert.equal(def.States.InAnotherAccount.Default, 'ListTokens');
  assert.equal(raw.split('$$.Execution.Input').length, 2, 'only validate-request reads the raw input');
});

test('every other Lambda Task ends its errors in a Fail with a documented Error, the Java message and what was done before', () => {
  const expected = {
    IamAccessDeniedException: 'Offboarding.AccessDenied',
    IamRequestFailedException: 'Offboarding.IamRequestFailed',
    InvalidConfigurationException: 'Offboarding.Misconfigured',
    IamRetryableException: 'Offboarding.IamUnavailable',
  };
  const only = {
    CheckRoleUsable: { RoleNotUsableByDeadlineException: 'Offboarding.MemberRoleNotUsable',
      RoleNotYetUsableException: 'Offboarding.MemberRoleNotUsable', InvalidRequestException: 'Offboarding.InvalidRequest' },
    ListTokens: { InvalidRequestException: 'Offboarding.InvalidRequest' },
    RemoveTokens: { InvalidRequestException: 'Offboarding.RemovalRefused', ItemNotTheUsersException: 'Offboarding.RemovalRefused' },
    RemoveTokensLockOut: { InvalidRequestException: 'Offboarding.RemovalRefused',
      ItemNotTheUsersException: 'Offboarding.RemovalRefused' },
  };
  for (const [name, state] of tasks.filter(([n]) => n !== 'ValidateRequest')) {
    const want = { ...expected, ...only[name] };
    const caught = state.Catch.flatMap((c) => c.ErrorEquals);
    assert.deepEqual(caught.filter((e) => e.startsWith(JAVA)).map((e) => e.slice(JAVA.length)).sort(), Object.keys(want).sort(),
      `${name} catches exactly these Java errors`);
    for (const [cls, error] of Object.entries(want)) {
      const catcher = state.Catch.find((c) => c.ErrorEquals.includes(JAVA + cls));
      if (REMOVALS.includes(name) && cls === 'IamRetryableException') {
        // Logged and run again (see the cycle test); past the round's budget, Offboarding.IamUnavailable.
        const giveUp = def.States[def.States[catcher.Next].Next].Choices[0].Next;
        assert.equal(failReachedFrom(giveUp)?.error, error, `${name}: ${cls} past the budget ends in ${error}`);
        continue;
      }
      const end = failReachedFrom(catcher.Next);
      assert.equal(end?.error, error, `${name}: ${cls} should end in ${error}`);
      assert.equal(def.States[catcher.Next].Parameters['cause.$'], `States.StringToJson(${catcher.ResultPath}.Cause)`,
        `${name}: ${cls}: the Java error payload is parsed from the caught Cause`);
      if (error === 'Offboarding.InvalidRequest') {
        assert.equal(end.state.CausePath, '$.failure.cause.errorMessage', `${name}: nothing was done yet, the Java message`);
      } else {
        assert.deepEqual(end.passes.slice(1), ['DescribeFailure'], `${name}: ${cls} goes through DescribeFailure`);
        assert.equal(end.state.CausePath, '$.failure.message', `${name}: ${cls}: the Cause names what was done`);
      }
    }
    // A step that ran out of time, however Lambda or Step Functions report it.
    const timeout = state.Catch.find((c) => TIMEOUT_ERRORS.some((e) => c.ErrorEquals.includes(e)));
    assert.deepEqual(timeout?.ErrorEquals, TIMEOUT_ERRORS, `${name} catches ${TIMEOUT_ERRORS.join(', ')} together`);
    const end = failReachedFrom(timeout.Next);
    assert.equal(end?.error, 'Offboarding.StepTimedOut', `${name}: a timeout ends in Offboarding.StepTimedOut`);
    assert.deepEqual(end.passes.slice(1), ['DescribeFailure']);
    assert.ok(def.States[timeout.Next].Parameters.cause['errorMessage.$'].includes(`${timeout.ResultPath}.Error, ${timeout.ResultPath}.Cause`),
      `${name}: the timeout's Error and Cause are in the message`);
  }
  assert.deepEqual(def.States.DescribeFailure.Parameters, { 'error.$': '$.failure.error', 'cause.$': '$.failure.cause',
    'message.$': ROUNDS_SO_FAR });
  assert.equal(def.States.DescribeFailure.ResultPath, '$.failure');
  const { ErrorPath, CausePath, Error: error, Cause } = def.States.Failed;
  assert.deepEqual({ ErrorPath, CausePath, error, Cause }, { ErrorPath: '$.failure.error', CausePath: '$.failure.message',
    error: undefined, Cause: undefined });
});

test('every error an execution can end with is an Offboarding.* name that the README documents', () => {
  const readme = fs.readFileSync(path.join(DIR, '..', 'README.md'), 'utf8');
  const fails = states.filter(([, s]) => s.Type === 'Fail');
  const errors = [...new Set(fails.flatMap(([name]) => errorsOf(name)))].sort();
  assert.deepEqual(errors, ['Offboarding.AccessDenied', 'Offboarding.DeleteConflictPersists',
    'Offboarding.IamRequestFailed', 'Offboarding.IamUnavailable', 'Offboarding.InvalidRequest',
    'Offboarding.MemberRoleNotUsable', 'Offboarding.Misconfigured', 'Offboarding.RemovalRefused',
    'Offboarding.StepTimedOut', 'Offboarding.UserPrivileged', 'Offboarding.UserProtected',
    'Offboarding.UserRecentlyActive']);
  assert.deepEqual(errorsOf('Failed').sort(), ['Offboarding.AccessDenied', 'Offboarding.IamRequestFailed',
    'Offboarding.IamUnavailable', 'Offboarding.MemberRoleNotUsable', 'Offboarding.Misconfigured',
    'Offboarding.RemovalRefused', 'Offboarding.StepTimedOut'], 'the one Fail with ErrorPath');
  for (const error of errors) {
    assert.match(error, /^Offboarding\.[A-Z]\w+$/);
    assert.ok(readme.includes(`\`${error}\``), `README does not document ${error}`);
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
      // The other loops: the member-account role check, bounded by its deadline, and a removal run again after an
      // interruption, bounded by the round's interruption counter (both below).
      if (!(name === 'SweepOrGiveUp' && next === 'StartSweep') && !(name === 'ConfirmMemberRoleAfterPause')
          && !name.startsWith('WaitBefore')) {
        visit(next, [...trail, name]);
      }
    }
    visiting.delete(name);
    done.add(name);
  };
  visit(def.StartAt, []);
  // and the counted edge really closes a loop (otherwise the bound above proves nothing)
  assert.ok(successors(def.States.StartSweep).includes('SweepListTokens'));
  for (const [task, again] of [['RemoveTokens', 'Removal'], ['RemoveTokensLockOut', 'LockOut']]) {
    assert.equal(def.States[`RecordInterrupted${again}`].Parameters['interruptions.$'],
      'States.MathAdd($.log.interruptions, 1)');
    const limit = def.States[`Retry${again}OrGiveUp`].Choices[0];
    assert.deepEqual([limit.Variable, limit.NumericGreaterThan, limit.Next],
      ['$.log.interruptions', 5, 'ExplainIamUnavailable']);
    assert.deepEqual(successors(def.States[`WaitBefore${again}Again`]), [task]);
    assert.ok(def.States[`WaitBefore${again}Again`].Seconds >= 1);
  }
  assert.equal(def.States.RecordRemoval.Parameters.interruptions, 0, 'each round has its own budget');
  assert.equal(def.States.RecordLockOut.Parameters.interruptions, 0);
  // The role check's loop: each pass waits, and every check carries the start time and a deadline within which the
  // function itself ends the wait.
  assert.deepEqual(successors(def.States.ConfirmMemberRoleAfterPause), ['CheckRoleUsable']);
  assert.ok(def.States.ConfirmMemberRoleAfterPause.Seconds >= 1);
  const check = def.States.CheckRoleUsable.Parameters.Payload;
  assert.equal(check['startedAt.$'], '$$.Execution.StartTime');
  assert.ok(check.request.deadlineSeconds > 0 && check.request.deadlineSeconds <= 280);
});

test('DeleteUser\'s last attempt answers instead of raising, so every call of a round is counted', () => {
  const deleteUser = def.States.DeleteUser;
  const conflict = deleteUser.Retry.find((r) => r.ErrorEquals.includes(`${JAVA}UserDeleteConflictException`));
  assert.deepEqual(deleteUser.Parameters.Payload, { 'userName.$': '$.request.userName', 'attempt.$': '$$.State.RetryCount',
    lastAttempt: conflict.MaxAttempts, 'memberAccount.$': '$.request.memberAccount', 'execution.$': '$$.Execution.Id' });
  // The conflict retrier can never run out (the call at RetryCount = MaxAttempts answers), so nothing catches it.
  assert.ok(!deleteUser.Catch.some((c) => c.ErrorEquals.includes(`${JAVA}UserDeleteConflictException`)));
  assert.deepEqual(deleteUser.ResultSelector, { 'outcome.$': '$.Payload.outcome', 'at.$': '$.Payload.at',
    'attempt.$': '$.Payload.attempt', 'conflict.$': '$.Payload.conflict' });
  assert.equal(deleteUser.Next, 'DeletedYet');
  assert.deepEqual(def.States.DeletedYet.Choices,
    [{ Variable: '$.deletion.outcome', StringEquals: 'STILL_CONFLICTING', Next: 'ReadDeleteConflict' }]);
  assert.equal(def.States.DeletedYet.Default, 'RecordDeleted');
  // The round's calls: its attempt number (retries of every kind) + 1.
  const thisRound = 'States.MathAdd(States.MathAdd($.log.deleteUserCalls, $.deletion.attempt), 1)';
  assert.equal(def.States.ReadDeleteConflict.Parameters['deleteUserCalls.$'], thisRound);
  assert.equal(def.States.ReadDeleteConflict.Parameters['lastConflict.$'], '$.deletion.conflict');
  assert.equal(def.States.RecordDeleted.Parameters['deleteUserAttempts.$'], thisRound);
  assert.equal(def.States.RecordAlreadyAbsent.Parameters['deleteUserAttempts.$'], '$.log.deleteUserCalls');
  assert.equal(def.States.StartSweep.Parameters['deleteUserCalls.$'], '$.log.deleteUserCalls', 'a sweep adds nothing itself');
});

test('the Promise.withResolvers polyfill is installed before the engine runs a Task', () => {
  require('../lib/local-engine');
  assert.equal(typeof Promise.withResolvers, 'function');
  const { promise, resolve } = Promise.withResolvers();
  resolve(42);
  return promise.then((v) => assert.equal(v, 42));
});
