'use strict';

// The definition's shape: what only Step Functions does (Retry, Wait, the bounded loops, the order of the steps)
// is checked here; what happens to the user and how the execution ends are Java's (list-tokens' decision,
// record-outcome's conclusion), checked per test case in workflow.test.js with the real functions' answers.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const aslValidator = require('asl-validator');
const { placeholders, substitute } = require('../lib/definition');
const { contract, errorClasses, ERRORS_DIR } = require('./support/java-contract');
const { DIR, DEFINITION_FILE, definition, substitutions, mockConfig, STATE_MACHINE, LAMBDA_OF_ARN } = require('./support/fixtures');
const { RECORD_STAGES, ANNOUNCING_STATES } = require('./support/records');

const raw = fs.readFileSync(DEFINITION_FILE, 'utf8');
const def = definition();
const states = Object.entries(def.States);
const PUT_EVENTS = 'arn:aws:states:::events:putEvents';
const tasks = states.filter(([, s]) => s.Type === 'Task' && s.Resource !== PUT_EVENTS);
const announcing = states.filter(([, s]) => s.Type === 'Task' && s.Resource === PUT_EVENTS);
const LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException'];
const JAVA = 'dev.offboarding.errors.';
const RETRIER_FIELDS = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy'];
const CATCHER_FIELDS = ['ErrorEquals', 'ResultPath', 'Next'];
/**
 * The Task states named after their Lambda; the other Task of a Lambda says so in its name (ListTokensAgain), and
 * record-outcome's Tasks each say the stage they record (OpenRecord, RecordIntent, ...).
 */
const TASK_OF_LAMBDA = { 'list-tokens': 'ListTokens', 'remove-tokens': 'RemoveTokens', 'delete-user': 'DeleteUser',
  'check-role-usable': 'CheckRoleUsable', 'validate-request': 'ValidateRequest', 'record-outcome': 'Record' };
/** The Tasks that call neither IAM nor STS: their own errors are final. */
const NO_AWS_CALL = ['ValidateRequest'];
/** record-outcome's Tasks: they call the record store (S3) only, whose refusals are retried a few times. */
const RECORDING = Object.keys(RECORD_STAGES);
const STORE_REFUSED = `${JAVA}RecordStoreUnavailableException`;
/** The EventBridge errors of events:putEvents (a failed entry, or the service's own error). */
const EVENTBRIDGE_ERRORS = ['EventBridge.FailedEntry', 'EventBridge.AmazonEventBridgeException'];
/** A Task that ran out of time: its TimeoutSeconds, Lambda's own timeout, or the Lambda runtime dying. */
const TIMEOUT_ERRORS = ['States.Timeout', 'Sandbox.Timedout', 'Lambda.Unknown'];
/** Errors Step Functions and Lambda report for a Task that are neither States.* nor Lambda.*. */
const SERVICE_ERRORS = ['Sandbox.Timedout'];
/**
 * The decision kinds list-tokens answers at each look (functions/core/.../decision/Decider.java; the suite's mocked
 * decisions are checked against the real Decider by RecordedAnswersAreTheRealFunctionsIT).
 */
const KINDS_AT = { FIRST: ['ABSENT', 'REFUSE', 'DRY_RUN', 'LOCK_OUT', 'REMOVE'], AGAIN: ['ABSENT', 'REFUSE', 'REMOVE'],
  LAST: ['ABSENT', 'GIVE_UP'] };
const KIND = '$.latest.decision.kind';

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

function reachable(from, without = []) {
  const reached = new Set();
  const stack = [from];
  while (stack.length) {
    const name = stack.pop();
    if (!reached.has(name) && !without.includes(name)) {
      reached.add(name);
      stack.push(...successors(def.States[name]));
    }
  }
  return reached;
}

/** The values of an object, at every depth. */
function leaves(object) {
  return Object.values(object).flatMap((v) => (v && typeof v === 'object' ? leaves(v) : [v]));
}

/** The field names a Parameters or ResultSelector object writes. */
function fieldsOf(parameters) {
  return Object.keys(parameters).map((k) => k.replace(/\.\$$/, ''));
}

function componentNames(record) {
  return contract().records[record].components.map((c) => c.name);
}

/** Whether a Choice rule matches a decision kind: true, false, or null when the rule tests something else too. */
function matchesKind(rule, kind) {
  if (rule.Or) {
    const each = rule.Or.map((r) => matchesKind(r, kind));
    return each.includes(true) ? true : each.includes(null) ? null : false;
  }
  if (rule.And) {
    const each = rule.And.map((r) => matchesKind(r, kind));
    return each.includes(false) ? false : each.includes(null) ? null : true;
  }
  if (rule.Not) {
    const inner = matchesKind(rule.Not, kind);
    return inner === null ? null : !inner;
  }
  return rule.Variable === KIND && 'StringEquals' in rule ? rule.StringEquals === kind : null;
}

/**
 * The states the execution can go to next, knowing the look it is at (phase) and the latest decision (kind):
 * list-tokens answers only the kinds of its phase, and a Choice on the kind takes only the branches that kind can.
 */
function abstractSuccessors(name, phase, kind, kindsAt) {
  const state = def.States[name];
  const look = state.ResultPath === '$.look' ? state.Parameters.phase : state.Parameters?.look?.phase;
  const nextPhase = look ?? phase;
  if (state.Type === 'Task' && state.ResultPath === '$.latest') {
    return [...kindsAt[phase].map((k) => [state.Next, phase, k]), ...state.Catch.map((c) => [c.Next, phase, kind])];
  }
  if (state.Type === 'Choice') {
    const next = [];
    for (const rule of state.Choices) {
      const match = matchesKind(rule, kind);
      if (match !== false) {
        next.push(rule.Next);
      }
      if (match === true) {
        return next.map((n) => [n, phase, kind]);
      }
    }
    return [...next, state.Default].filter(Boolean).map((n) => [n, phase, kind]);
  }
  return successors(state).map((n) => [n, nextPhase, kind]);
}

/** A cycle of the definition's graph, knowing the phase and the decision, without the given edges; or null. */
function cycle(cut, kindsAt = KINDS_AT) {
  const visiting = new Set();
  const done = new Set();
  const visit = (node, trail) => {
    const key = node.join(' ');
    if (done.has(key)) {
      return null;
    }
    if (visiting.has(key)) {
      return [...trail, node[0]];
    }
    visiting.add(key);
    for (const next of abstractSuccessors(...node, kindsAt)) {
      if (!cut.some(([from, to]) => from === node[0] && to === next[0])) {
        const found = visit(next, [...trail, node[0]]);
        if (found) {
          return found;
        }
      }
    }
    visiting.delete(key);
    done.add(key);
    return null;
  };
  return visit([def.StartAt, null, null], []);
}

test('the raw definition is valid JSON with exactly the ten substitution placeholders, each given by the suite', () => {
  assert.doesNotThrow(() => JSON.parse(raw));
  assert.deepEqual(placeholders(raw).sort(),
    ['CheckRoleUsableFunctionArn', 'DeleteUserFunctionArn', 'ListTokensFunctionArn', 'OffboardingEventBusName',
      'OffboardingEventSource', 'OffboardingRoleName', 'PropagationWaitSeconds', 'RecordOutcomeFunctionArn',
      'RemoveTokensFunctionArn', 'ValidateRequestFunctionArn']);
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
  // A copy: the validator writes its defaults (QueryLanguage) into the states it checks.
  const { isValid, errorsText } = aslValidator(definition(), { checkPaths: true, checkArn: true });
  assert.ok(isValid, errorsText('\n'));
});

test('every ErrorEquals name is States.*, Lambda.*, EventBridge.*, Sandbox.Timedout or a class in dev.offboarding.errors', () => {
  const classes = errorClasses();
  const names = [...retriers(), ...catchers()].flatMap((r) => r.ErrorEquals);
  assert.ok(names.length > 0);
  for (const name of new Set(names)) {
    if (name.startsWith('States.') || name.startsWith('Lambda.') || SERVICE_ERRORS.includes(name)) {
      continue;
    }
    if (EVENTBRIDGE_ERRORS.includes(name)) {
      assert.ok(retriers().concat(catchers()).filter((r) => r.ErrorEquals.includes(name))
        .every((r) => def.States[r.state].Resource === PUT_EVENTS), `${name} only where events:putEvents is called`);
      continue;
    }
    assert.ok(name.startsWith(JAVA), `${name} is neither States.*, Lambda.* nor ${JAVA}<Name>`);
    const simple = name.slice(JAVA.length);
    assert.match(simple, /^[A-Z]\w*$/, `${name} is not a simple class name`);
    assert.ok(classes.includes(simple), `${path.join(ERRORS_DIR, simple + '.java')} does not exist`);
  }
});

test('nothing retries States.ALL; after validation a failing step is caught once, last, and handed to record-outcome as it was', () => {
  for (const r of retriers()) {
    assert.ok(!r.ErrorEquals.includes('States.ALL'), `${r.state} retries States.ALL`);
    assert.ok(!r.ErrorEquals.includes('States.TaskFailed'), `${r.state} retries States.TaskFailed`);
    assert.deepEqual(Object.keys(r).filter((k) => k !== 'state' && !RETRIER_FIELDS.includes(k)), [], `${r.state} retrier`);
  }
  for (const c of catchers()) {
    assert.deepEqual(Object.keys(c).filter((k) => k !== 'state' && !CATCHER_FIELDS.includes(k)), [], `${c.state} catcher`);
  }
  for (const [name, state] of [...tasks, ...announcing]) {
    const all = state.Catch.filter((c) => c.ErrorEquals.includes('States.ALL'));
    if (name === 'ValidateRequest') {
      assert.deepEqual(all, [], 'before validation nothing has been done: no catch-all');
      continue;
    }
    assert.deepEqual(all, [state.Catch.at(-1)], `${name}: States.ALL is caught last, alone`);
    assert.deepEqual(all[0].ErrorEquals, ['States.ALL']);
    if (name === 'RecordOutcome') {
      // record-outcome itself failing: the end is still announced (without a record), then its own error and Cause
      // end the execution.
      assert.deepEqual(state.Catch, [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notRecorded', Next: 'AnnounceNotRecorded' }]);
      assert.equal(def.States.AnnounceNotRecorded.Next, 'WhyNotRecorded');
      // A store that cannot be written is named as such; any other failure of record-outcome keeps its own name.
      assert.deepEqual(def.States.WhyNotRecorded.Choices, [{ Variable: '$.notRecorded.Error', StringEquals: STORE_REFUSED,
        Next: 'RecordsUnavailable' }]);
      assert.equal(def.States.WhyNotRecorded.Default, 'OutcomeNotRecorded');
      const { Type, ErrorPath, CausePath } = def.States.OutcomeNotRecorded;
      assert.deepEqual({ Type, ErrorPath, CausePath }, { Type: 'Fail', ErrorPath: '$.notRecorded.Error',
        CausePath: '$.notRecorded.Cause' });
      const unavailable = def.States.RecordsUnavailable;
      assert.deepEqual([unavailable.Type, unavailable.Error, unavailable.CausePath],
        ['Fail', 'Offboarding.RecordsUnavailable', '$.notRecorded.Cause']);
      continue;
    }
    if (ANNOUNCING_STATES.includes(name)) {
      // An event that cannot be put fails the execution, so that its alarm fires; the record is already written.
      assert.deepEqual(state.Catch, [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notAnnounced', Next: 'NotAnnounced' }], name);
      const { Type, Error: error, CausePath } = def.States.NotAnnounced;
      assert.deepEqual({ Type, error, CausePath }, { Type: 'Fail', error: 'Offboarding.NotAnnounced', CausePath: '$.notAnnounced.Cause' });
      continue;
    }
    // The step's name, the error's own name and its Cause exactly as caught: record-outcome names it (README:
    // errors) and says what had been done before. The later looks at the user fail as the first does.
    const step = name === 'ListTokensAgain' ? 'ListTokens' : name;
    assert.deepEqual(all[0], { ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: `${step}Failed` }, name);
    assert.deepEqual(def.States[`${step}Failed`], { Type: 'Pass', Parameters: { step, 'error.$': '$.caught.Error',
      'cause.$': '$.caught.Cause' }, ResultPath: '$.failure', Next: 'RecordOutcome' }, `${step}Failed`);
    const others = state.Catch.slice(0, -1);
    if (name === 'RemoveTokens') {
      // A removal interrupted midway has done part of its round: a Retry would drop the error that says what, so
      // the definition catches it, logs it and runs the step again itself (see the cycle test).
      assert.deepEqual(others, [{ ErrorEquals: [`${JAVA}IamRetryableException`], ResultPath: '$.caught',
        Next: 'RecordInterruptedRemoval' }]);
    } else {
      assert.deepEqual(others, [], `${name}: nothing else is caught apart`);
    }
  }
});

test('every Lambda Task uses lambda:invoke with Payload parameters, reads $.Payload and is named after its Lambda', () => {
  assert.deepEqual(['ValidateRequest', 'ListTokens', 'RemoveTokens', 'DeleteUser', 'RecordOutcome'].map((n) => def.States[n]?.Type),
    ['Task', 'Task', 'Task', 'Task', 'Task']);
  assert.deepEqual(tasks.filter(([, st]) => LAMBDA_OF_ARN[st.Parameters.FunctionName] === 'record-outcome').map(([n]) => n),
    RECORDING, 'record-outcome is called at each stage, by these Tasks');
  for (const [name, state] of tasks) {
    assert.equal(state.Resource, 'arn:aws:states:::lambda:invoke', name);
    const lambda = LAMBDA_OF_ARN[state.Parameters.FunctionName];
    assert.ok(lambda, `${name}: FunctionName ${state.Parameters.FunctionName} is not one of the substituted ARNs`);
    assert.ok(name.includes(TASK_OF_LAMBDA[lambda]), `${name} invokes ${lambda} but its name does not say ${TASK_OF_LAMBDA[lambda]}`);
    assert.ok('Payload' in state.Parameters || 'Payload.$' in state.Parameters, `${name} has no Payload`);
    if (state.ResultPath === null) {
      assert.equal(state.ResultSelector, undefined, `${name}: its answer is not kept, so nothing is selected from it`);
    } else {
      assert.ok(leaves(state.ResultSelector).every((v) => v.startsWith('$.Payload')), `${name} ResultSelector`);
    }
  }
  // The two looks at the user send list-tokens the same thing: the request, the account, which look it is, and what
  // an unfinished earlier run left (OpenRecord's recovery, in place of the request's null).
  assert.deepEqual(def.States.ListTokensAgain.Parameters, def.States.ListTokens.Parameters);
  assert.deepEqual(def.States.ListTokens.Parameters['Payload.$'],
    'States.JsonMerge(States.JsonMerge(States.JsonMerge($.request, $.memberAccess, false), $.look, false), $.records.listing, false)');
  assert.deepEqual(Object.keys(def.States.OpenRecord.ResultSelector.listing), ['recovery.$'],
    'the listing carries only the recovery: anything else would override the request');
  assert.deepEqual(fieldsOf(def.States.ListTokens.ResultSelector), componentNames('Inspection'));
});

test('every Lambda Task retries the Lambda service errors, and every one that calls IAM retryable IAM errors, with bounded backoff', () => {
  for (const [name, state] of tasks) {
    const retry = state.Retry ?? [];
    const lambda = retry.find((r) => LAMBDA_ERRORS.every((e) => r.ErrorEquals.includes(e)));
    assert.ok(lambda, `${name} does not retry ${LAMBDA_ERRORS.join(', ')} in one retrier`);
    const checked = [lambda];
    if (NO_AWS_CALL.includes(name)) {
      assert.deepEqual(retry, [lambda], `${name} retries only the Lambda service errors`);
    } else if (RECORDING.includes(name)) {
      // The store's refusal may be a throttling or a blip: a few tries, then the step fails (fail closed).
      const store = retry.find((r) => r.ErrorEquals.includes(STORE_REFUSED));
      assert.deepEqual(retry, [lambda, store], `${name} retries the Lambda service errors and the store's refusals only`);
      assert.deepEqual(store.ErrorEquals, [STORE_REFUSED]);
      assert.equal(store.JitterStrategy, 'FULL', `${name}: a throttled store needs jitter`);
      checked.push(store);
    } else {
      const iam = retry.find((r) => r.ErrorEquals.includes(`${JAVA}IamRetryableException`));
      if (name === 'RemoveTokens') {
        assert.equal(iam, undefined, `${name} must not retry IamRetryableException (it would lose what was done)`);
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
  assert.deepEqual(validate.Catch, [
    { ErrorEquals: [`${JAVA}InvalidRequestException`], Next: 'ExplainInvalidInput' },
    { ErrorEquals: [`${JAVA}InvalidConfigurationException`], Next: 'ExplainMisconfiguredEntry' }]);
  for (const [explain, fail, error] of [['ExplainInvalidInput', 'InvalidRequest', 'Offboarding.InvalidRequest'],
    ['ExplainMisconfiguredEntry', 'Misconfigured', 'Offboarding.Misconfigured']]) {
    const { Comment, ...shape } = def.States[explain];
    assert.deepEqual(shape, { Type: 'Pass', Parameters: { 'cause.$': 'States.StringToJson($.Cause)' }, ResultPath: '$.failure',
      Next: fail }, `${explain}: no ResultPath on the catcher, the error is the input`);
    assert.deepEqual(def.States[fail], { Type: 'Fail', Error: error, CausePath: '$.failure.cause.errorMessage' },
      `${fail}: the Java message is the Cause`);
  }
  // Start reads only validate-request's result, and the account to act in is validate-request's memberAccount.
  assert.equal(def.States.Start.Parameters['request.$'], '$.request');
  assert.deepEqual(def.States.Start.Parameters.memberAccess, { 'memberAccount.$': '$.memberAccount' });
  assert.deepEqual(def.States.InAnotherAccount.Choices,
    [{ Variable: '$.memberAccess.memberAccount', IsNull: false, Next: 'CheckRoleUsable' }]);
  assert.equal(def.States.InAnotherAccount.Default, 'ListTokens');
  assert.equal(raw.split('$$.Execution.Input').length, 2, 'only validate-request reads the raw input');
});

test('every path after validation ends at record-outcome, sent the run\'s state, and the execution ends as it says', () => {
  const terminals = states.filter(([, s]) => s.Type === 'Succeed' || s.Type === 'Fail').map(([n]) => n);
  const afterValidation = reachable('Start', ['RecordOutcome']);
  assert.deepEqual(terminals.filter((n) => afterValidation.has(n)), [], 'a path from Start that ends without record-outcome');
  // Exactly what record-outcome reads (RunState), at each stage the same but the stage, each slot set up by Start so
  // that every path has it.
  const outcome = def.States.RecordOutcome;
  assert.deepEqual(fieldsOf(outcome.Parameters.Payload), componentNames('RunState'));
  const runState = { 'request.$': '$.request', 'inventory.$': '$.inventory', 'latest.$': '$.latest', 'log.$': '$.log',
    'deletion.$': '$.deletion', 'failure.$': '$.failure', 'execution.$': '$$.Execution.Id',
    'startedAt.$': '$$.Execution.StartTime', 'recovery.$': '$.records.listing.recovery' };
  for (const [state, stage] of Object.entries(RECORD_STAGES)) {
    assert.deepEqual(def.States[state].Parameters.Payload, { stage, ...runState }, `${state} records ${stage}`);
  }
  const start = def.States.Start.Parameters;
  assert.deepEqual([start.inventory, start.latest, start.deletion, start.failure], [null, null, null, null]);
  assert.deepEqual(start.records, { listing: { recovery: null } }, 'nothing recovered until OpenRecord says');
  assert.deepEqual(start.log, { rounds: null, sweeps: 0, deleteUserCalls: 0, interruptions: 0, interrupted: null, lastConflict: null });
  // OpenRecord comes first after Start, before any other Task: nothing acts on the user before the record is open.
  assert.equal(start['request.$'], '$.request');
  assert.equal(def.States.Start.Next, 'OpenRecord');
  assert.equal(def.States.OpenRecord.Next, 'InAnotherAccount');
  assert.deepEqual(def.States.OpenRecord.ResultSelector, { listing: { 'recovery.$': '$.Payload.recovery' },
    'recordAt.$': '$.Payload.recordAt' });
  assert.equal(def.States.OpenRecord.ResultPath, '$.records');
  // The writes ahead keep nothing of their answer: the state record-outcome is sent stays the run's own.
  for (const state of ['RecordIntent', 'RecordResult', 'RecordDeleteIntent']) {
    assert.equal(def.States[state].ResultPath, null, state);
  }
  // Each state that rewrites the log writes all of it.
  for (const [name, state] of states.filter(([, s]) => s.ResultPath === '$.log')) {
    assert.deepEqual(fieldsOf(state.Parameters), componentNames('RunLog'), name);
  }
  assert.deepEqual(Object.keys(start.log), componentNames('RunLog'));
  // The conclusion (Conclusion): failed with record-outcome's error and Cause, or the audit record as the output;
  // the end announced first.
  assert.deepEqual(fieldsOf(outcome.ResultSelector), componentNames('Conclusion'));
  assert.equal(outcome.ResultPath, '$.outcome');
  assert.equal(outcome.Next, 'Announce');
  assert.equal(def.States.Announce.Next, 'Concluded');
  assert.equal(def.States.Announce.ResultPath, null, 'the announcement leaves the state as it was');
  assert.deepEqual(def.States.Concluded, { Type: 'Choice',
    Choices: [{ Variable: '$.outcome.failed', BooleanEquals: true, Next: 'Failed' }], Default: 'Done' });
  assert.deepEqual(def.States.Done, { Type: 'Succeed', OutputPath: '$.outcome.record' });
  const { Type, ErrorPath, CausePath, Error: error, Cause } = def.States.Failed;
  assert.deepEqual({ Type, ErrorPath, CausePath, error, Cause }, { Type: 'Fail', ErrorPath: '$.outcome.error',
    CausePath: '$.outcome.cause', error: undefined, Cause: undefined });
});

test('the end is announced with events:putEvents on the stack\'s bus, as record-outcome says; retried a few times, then a failure', () => {
  assert.deepEqual(announcing.map(([n]) => n), ANNOUNCING_STATES);
  const entry = { Source: '${OffboardingEventSource}', EventBusName: '${OffboardingEventBusName}' };
  const rawStates = JSON.parse(raw).States;
  assert.deepEqual(rawStates.Announce.Parameters, { Entries: [{ ...entry, 'DetailType.$': '$.outcome.announcement.detailType',
    'Detail.$': '$.outcome.announcement.detail' }] });
  assert.deepEqual(fieldsOf(def.States.RecordOutcome.ResultSelector).includes('announcement'), true);
  assert.deepEqual(componentNames('Announcement'), ['detailType', 'detail']);
  const notRecorded = rawStates.AnnounceNotRecorded.Parameters.Entries;
  assert.equal(notRecorded.length, 1);
  assert.deepEqual([notRecorded[0].Source, notRecorded[0].EventBusName, notRecorded[0].DetailType],
    [entry.Source, entry.EventBusName, 'Offboarding Failed']);
  for (const [name, state] of announcing) {
    assert.equal(state.ResultPath, null, name);
    assert.ok(state.TimeoutSeconds > 0 && state.TimeoutSeconds <= 60, `${name}: TimeoutSeconds`);
    assert.deepEqual(state.Retry.map((r) => r.ErrorEquals), [EVENTBRIDGE_ERRORS], `${name} retries EventBridge's errors only`);
    const [retry] = state.Retry;
    assert.ok(retry.MaxAttempts > 0 && retry.MaxAttempts <= 10 && retry.BackoffRate > 1 && retry.MaxDelaySeconds > 0
      && retry.JitterStrategy === 'FULL', `${name}: bounded backoff with jitter`);
  }
});

test('every error an execution can end with is an Offboarding.* name that the README documents, each reached by a test case', () => {
  const readme = fs.readFileSync(path.join(DIR, '..', 'README.md'), 'utf8');
  // Failed and OutcomeNotRecorded take their Error from record-outcome (its answers are the mocked ones, checked
  // against the real function); the others are literal.
  const literal = states.filter(([, s]) => s.Type === 'Fail' && s.Error).map(([, s]) => s.Error);
  const testCases = mockConfig.StateMachines[STATE_MACHINE].TestCases;
  const concluded = Object.values(testCases).filter((m) => m.RecordOutcome)
    .flatMap((m) => Object.values(mockConfig.MockedResponses[m.RecordOutcome]))
    .filter((e) => e.Return?.Payload.failed).map((e) => e.Return.Payload.error);
  const errors = [...new Set([...literal, ...concluded])];
  assert.deepEqual(errors.filter((e) => e.startsWith('Offboarding.')).sort(), ['Offboarding.AccessDenied',
    'Offboarding.DeleteConflictPersists', 'Offboarding.DenyNotAttached', 'Offboarding.IamRequestFailed', 'Offboarding.IamUnavailable',
    'Offboarding.InvalidRequest', 'Offboarding.MemberRoleNotUsable', 'Offboarding.Misconfigured',
    'Offboarding.NotAnnounced', 'Offboarding.RecordsUnavailable', 'Offboarding.RemovalRefused', 'Offboarding.StepTimedOut',
    'Offboarding.UserPrivileged', 'Offboarding.UserProtected', 'Offboarding.UserRecentlyActive']);
  assert.deepEqual(errors.filter((e) => !e.startsWith('Offboarding.')), ['Lambda.ServiceException'],
    'anything else keeps its own name (an infrastructure failure)');
  for (const error of errors.filter((e) => e.startsWith('Offboarding.'))) {
    assert.match(error, /^Offboarding\.[A-Z]\w+$/);
    assert.ok(readme.includes(`\`${error}\``), `README does not document ${error}`);
  }
});

test('a removal interrupted again waits a fully jittered draw from a window that doubles, 5 s up to 60 s, each draw at least 1 s', () => {
  const draw = def.States.DrawWaitBeforeRemovalAgain;
  assert.equal(def.States.WaitBeforeRemovalAgain.SecondsPath, `${draw.ResultPath}.seconds`);
  const m = draw.Parameters['seconds.$'].match(/^States\.MathRandom\(1, States\.ArrayGetItem\(States\.Array\(([\d, ]+)\), \$\.log\.interruptions\)\)$/);
  assert.ok(m, draw.Parameters['seconds.$']);
  // Indexed by the interruptions so far (1 to 5 when it runs: RetryRemovalOrGiveUp gives up above 5).
  const windows = m[1].split(', ').map(Number).slice(1);
  assert.deepEqual(windows, [5, 10, 20, 40, 60]);
  assert.ok(windows.every((w, i) => i === 0 || w === Math.min(2 * windows[i - 1], 60)), 'doubling, capped at 60 s');
  // MathRandom's end may be inclusive or exclusive: either way every draw lies in [1, window] and varies.
  assert.ok(windows.every((w) => w >= 2));
  // Throttling outlasting every SDK attempt of 5 rounds is waited out for up to 135 s, about 67 s on average.
  assert.equal(windows.reduce((a, b) => a + b), 135);
});

test('every state is reachable and every cycle is bounded: by the sweep counter, a retry budget, a deadline or the look', () => {
  assert.deepEqual(states.map(([n]) => n).filter((n) => !reachable(def.StartAt).has(n)), []);

  // Cut the counted edges; knowing which look the execution is at, what remains must be acyclic.
  const counted = [
    ['SweepOrGiveUp', 'StartSweep'], // at most 3 sweeps (below)
    ['WaitBeforeRemovalAgain', 'RemoveTokens'], // at most 5 more attempts of a removal round (below)
    ['ConfirmMemberRoleAfterPause', 'CheckRoleUsable'], // the role check's deadline (below)
  ];
  assert.equal(cycle(counted), null);
  // The look is what ends the other loops: were list-tokens to answer a lock-out after one (at AGAIN), or a removal
  // at the last look, the execution would quarantine or sweep forever.
  assert.ok(cycle(counted, { ...KINDS_AT, AGAIN: [...KINDS_AT.AGAIN, 'LOCK_OUT'] })?.includes('WaitForQuarantine'));
  assert.ok(cycle(counted, { ...KINDS_AT, LAST: [...KINDS_AT.LAST, 'REMOVE'] })?.includes('LastLook'));
  assert.deepEqual(def.States.Start.Parameters.look, { phase: 'FIRST', 'execution.$': '$$.Execution.Id' });
  assert.deepEqual(def.States.LookAgain.Parameters, { phase: 'AGAIN', 'execution.$': '$$.Execution.Id' });
  assert.deepEqual(def.States.LastLook.Parameters, { phase: 'LAST', 'execution.$': '$$.Execution.Id' });
  assert.deepEqual(componentNames('Decision').slice(0, 2), ['kind', 'phase']);

  // The sweep counter, and the counted edge really closes a loop (otherwise the bound above proves nothing).
  assert.equal(def.States.StartSweep.Parameters['sweeps.$'], 'States.MathAdd($.log.sweeps, 1)');
  const limit = def.States.SweepOrGiveUp.Choices[0];
  assert.deepEqual([limit.Variable, limit.NumericGreaterThanEquals, limit.Next], ['$.log.sweeps', 3, 'LastLook']);
  assert.equal(def.States.SweepOrGiveUp.Default, 'StartSweep');
  assert.ok(reachable('StartSweep').has('SweepOrGiveUp'));
  // A removal run again after an interruption, bounded by the round's interruption counter.
  assert.equal(def.States.RecordInterruptedRemoval.Parameters['interruptions.$'], 'States.MathAdd($.log.interruptions, 1)');
  const budget = def.States.RetryRemovalOrGiveUp.Choices[0];
  assert.deepEqual([budget.Variable, budget.NumericGreaterThan, budget.Next], ['$.log.interruptions', 5, 'RemoveTokensFailed']);
  assert.deepEqual(successors(def.States.WaitBeforeRemovalAgain), ['RemoveTokens']);
  assert.deepEqual(successors(def.States.RetryRemovalOrGiveUp).sort(), ['DrawWaitBeforeRemovalAgain', 'RemoveTokensFailed']);
  assert.deepEqual(successors(def.States.DrawWaitBeforeRemovalAgain), ['WaitBeforeRemovalAgain']);
  assert.equal(def.States.RecordRound.Parameters.interruptions, 0, 'each round has its own budget');
  // The role check's loop: each pass waits, and every check carries the start time and a deadline within which the
  // function itself ends the wait.
  assert.deepEqual(successors(def.States.ConfirmMemberRoleAfterPause), ['CheckRoleUsable']);
  assert.ok(def.States.ConfirmMemberRoleAfterPause.Seconds >= 1);
  const check = def.States.CheckRoleUsable.Parameters.Payload;
  assert.equal(check['startedAt.$'], '$$.Execution.StartTime');
  assert.ok(check.request.deadlineSeconds > 0 && check.request.deadlineSeconds <= 280);
});

test('the definition follows the decision: the removal round is the decision\'s, and only ABSENT, REFUSE and GIVE_UP end at once', () => {
  const next = (choice, kind) => {
    const rule = def.States[choice].Choices.find((r) => matchesKind(r, kind));
    return rule ? rule.Next : def.States[choice].Default;
  };
  assert.deepEqual(Object.fromEntries(Object.values(KINDS_AT).flat().map((k) => [k, next('Decide', k)])), {
    ABSENT: 'RecordOutcome', REFUSE: 'RecordOutcome', DRY_RUN: 'RecordIntent', LOCK_OUT: 'RecordIntent', REMOVE: 'RecordIntent',
    GIVE_UP: 'RecordOutcome' });
  // Every round, a dry run's too, is written ahead; then it runs, its result is written, and only then the next step.
  assert.equal(def.States.RecordIntent.Next, 'RemoveTokens');
  assert.deepEqual([def.States.RemoveTokens.Next, def.States.RecordRound.Next, def.States.RecordResult.Next],
    ['RecordRound', 'RecordResult', 'AfterRemoval']);
  assert.deepEqual([def.States.WaitForPropagation.Next, def.States.RecordDeleteIntent.Next], ['RecordDeleteIntent', 'DeleteUser']);
  assert.deepEqual(Object.entries(def.States).filter(([, st]) => st.Next === 'RemoveTokens').map(([n]) => n).sort(),
    ['RecordIntent', 'WaitBeforeRemovalAgain'], 'a round starts only after its intent (or runs again after an interruption)');
  assert.deepEqual(Object.entries(def.States).filter(([, st]) => st.Next === 'DeleteUser').map(([n]) => n), ['RecordDeleteIntent']);
  assert.deepEqual(Object.fromEntries(['DRY_RUN', 'LOCK_OUT', 'REMOVE'].map((k) => [k, next('AfterRemoval', k)])),
    { DRY_RUN: 'RecordOutcome', LOCK_OUT: 'WaitForQuarantine', REMOVE: 'WaitForPropagation' });
  assert.ok(def.States.Decide.Choices.concat(def.States.AfterRemoval.Choices).every((r) => matchesKind(r, 'REMOVE') !== null),
    'Decide and AfterRemoval look at the decision alone');
  assert.deepEqual(def.States.RemoveTokens.Parameters.Payload, { 'inventory.$': '$.latest.inventory',
    'mode.$': '$.latest.decision.mode', 'dryRun.$': '$.latest.decision.dryRun', 'quarantineDays.$': '$.latest.decision.quarantineDays',
    'memberAccount.$': '$.memberAccess.memberAccount', 'execution.$': '$$.Execution.Id' });
  const { InputPath, ResultPath, Next } = def.States.KeepFirstInventory;
  assert.deepEqual({ InputPath, ResultPath, Next }, { InputPath: '$.latest.inventory', ResultPath: '$.inventory', Next: 'Decide' },
    'the audit record describes the user as the first inventory found it');
  assert.equal(def.States.ListTokens.Next, 'KeepFirstInventory');
  assert.equal(def.States.ListTokensAgain.Next, 'Decide');
  assert.deepEqual([def.States.WaitForQuarantine.TimestampPath, def.States.WaitForQuarantine.Next],
    ['$.removal.quarantineUntil', 'LookAgain']);
});

test('DeleteUser\'s last attempt answers instead of raising, so every call of a round is counted', () => {
  const deleteUser = def.States.DeleteUser;
  const conflict = deleteUser.Retry.find((r) => r.ErrorEquals.includes(`${JAVA}UserDeleteConflictException`));
  assert.deepEqual(deleteUser.Parameters.Payload, { 'userName.$': '$.request.userName', 'attempt.$': '$$.State.RetryCount',
    lastAttempt: conflict.MaxAttempts, 'memberAccount.$': '$.memberAccess.memberAccount', 'execution.$': '$$.Execution.Id' });
  // The conflict retrier can never run out (the call at RetryCount = MaxAttempts answers), so nothing catches it
  // apart (the catch-all is for the unexpected).
  assert.ok(!deleteUser.Catch.some((c) => c.ErrorEquals.includes(`${JAVA}UserDeleteConflictException`)));
  assert.deepEqual(deleteUser.ResultSelector, { 'outcome.$': '$.Payload.outcome', 'at.$': '$.Payload.at',
    'attempt.$': '$.Payload.attempt', 'conflict.$': '$.Payload.conflict' });
  assert.deepEqual(fieldsOf(deleteUser.ResultSelector), componentNames('Deletion'));
  assert.equal(deleteUser.ResultPath, '$.deletion');
  assert.equal(deleteUser.Next, 'DeletedYet');
  assert.deepEqual(def.States.DeletedYet.Choices,
    [{ Variable: '$.deletion.outcome', StringEquals: 'STILL_CONFLICTING', Next: 'ReadDeleteConflict' }]);
  assert.equal(def.States.DeletedYet.Default, 'RecordOutcome');
  // The round's calls: its attempt number (retries of every kind) + 1. The last round's are record-outcome's to add
  // (deleteUserAttempts; workflow.test.js checks it equals the DeleteUser calls of every run).
  const thisRound = 'States.MathAdd(States.MathAdd($.log.deleteUserCalls, $.deletion.attempt), 1)';
  assert.equal(def.States.ReadDeleteConflict.Parameters['deleteUserCalls.$'], thisRound);
  assert.equal(def.States.ReadDeleteConflict.Parameters['lastConflict.$'], '$.deletion.conflict');
  assert.equal(def.States.StartSweep.Parameters['deleteUserCalls.$'], '$.log.deleteUserCalls', 'a sweep adds nothing itself');
  assert.equal(def.States.RecordRound.Parameters['deleteUserCalls.$'], '$.log.deleteUserCalls');
});

test('the Promise.withResolvers polyfill is installed before the engine runs a Task', () => {
  require('../lib/local-engine');
  assert.equal(typeof Promise.withResolvers, 'function');
  const { promise, resolve } = Promise.withResolvers();
  resolve(42);
  return promise.then((v) => assert.equal(v, 42));
});
