'use strict';

// Layer 1: the real definition on aws-local-stepfunctions with the Lambdas mocked from MockConfigFile.json.
// Each test asserts the exact states entered (a Task that failed for an engine reason would take another path),
// the output or the Error/Cause, and which Lambdas were called with what.
//
// The decisions, the Causes and the records are Java's (list-tokens' Decider, record-outcome), so the mocks answer
// them: each run writes what the definition sent list-tokens and record-outcome, with the mocked answers, to
// target/list-tokens-calls and target/record-outcome-calls, and RecordedAnswersAreTheRealFunctionsIT (mvn verify,
// after this suite) checks every such answer against the real Java, record-outcome's stage by stage against one
// record store per test case. The chain: the definition builds each payload (asserted here from the other mocks),
// the real function gives the mocked answer (asserted by that IT), and the execution ends as that answer says
// (asserted here against expectations of each scenario).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { problems } = require('./support/java-contract');
const {
  DIR, run, definition, mockConfig, inputs, substitutions, executionName, executionId, STATE_MACHINE, LAMBDA_OF_ARN,
  RECORDS, START_TIME,
} = require('./support/fixtures');
const { HOME_ACCOUNT_ID, RECORD_STAGES, ANNOUNCING_STATES, recordKey, recordAt, seeded } = require('./support/records');

const USER = 'little_tester';
const JAVA = 'dev.offboarding.errors.';
const STORE_REFUSED = `${JAVA}RecordStoreUnavailableException`;
const ENTRY = ['ValidateRequest', 'Start', 'OpenRecord', 'InAnotherAccount'];
const HEAD = [...ENTRY, 'ListTokens', 'KeepFirstInventory', 'Decide'];
const REFUSED_AT_ENTRY = ['ValidateRequest', 'ExplainInvalidInput', 'InvalidRequest'];
/** The end of every path after validation: record-outcome says how the execution ends, and the end is announced. */
const RECORDED = ['RecordOutcome', 'Announce', 'Concluded', 'Done'];
const FAILED = ['RecordOutcome', 'Announce', 'Concluded', 'Failed'];
/** A removal round, its intent written ahead and its result after. */
const ROUND = ['RecordIntent', 'RemoveTokens', 'RecordRound', 'RecordResult', 'AfterRemoval'];
const REMOVE_AND_DELETE = [...ROUND, 'WaitForPropagation', 'RecordDeleteIntent', 'DeleteUser', 'DeletedYet'];
const LOOK_AGAIN = ['LookAgain', 'ListTokensAgain', 'Decide'];
const SWEEP = ['ReadDeleteConflict', 'SweepOrGiveUp', 'StartSweep', ...LOOK_AGAIN];
const QUARANTINE = [...ROUND, 'WaitForQuarantine', ...LOOK_AGAIN];
const DELETED = [...HEAD, ...REMOVE_AND_DELETE, ...RECORDED];
const AUDIT_FIELDS = ['outcome', 'userName', 'accountId', 'reason', 'requestedBy', 'trigger', 'force', 'allowPrivileged',
  'quarantineDays', 'inventory', 'plan', 'wouldRefuse', 'removed', 'interruptedRemovals', 'deleteUserAttempts', 'sweeps',
  'deletedAt', 'executionId', 'startedAt', 'updatedAt', 'pending', 'error', 'cause', 'recoveredFrom'];
/** The request fields the audit record copies from the validated request (accountId: see checkRun). */
const FROM_REQUEST = ['userName', 'reason', 'requestedBy', 'trigger', 'force', 'allowPrivileged', 'quarantineDays'];
/** $$.Execution.StartTime as the record holds it (an Instant, written without its zero milliseconds). */
const STARTED_AT = START_TIME.replace('.000Z', 'Z');
const DONE_BEFORE = ' Before this step this execution had removed or deactivated (nothing if empty): ';
/** The end of every failure's Cause when no removal attempt was interrupted. */
const NONE_INTERRUPTED = '. Removal attempts interrupted midway, newest first, each ending with what it had done (null if none): null';
/** Which look at the user a list-tokens call is, by the state the execution entered just before it. */
const PHASE_AFTER = { InAnotherAccount: 'FIRST', MemberRoleUsableYet: 'FIRST', LookAgain: 'AGAIN', LastLook: 'LAST' };
/** The Pass state a failing step is caught into, and the step record-outcome is told failed. */
const FAILED_STEP = { OpenRecordFailed: 'OpenRecord', CheckRoleUsableFailed: 'CheckRoleUsable', ListTokensFailed: 'ListTokens',
  RecordIntentFailed: 'RecordIntent', RemoveTokensFailed: 'RemoveTokens', RecordResultFailed: 'RecordResult',
  RecordDeleteIntentFailed: 'RecordDeleteIntent', DeleteUserFailed: 'DeleteUser' };
/** The Task states of each failing step (the first look and the later ones fail into the same Pass state). */
const STEP_STATES = { OpenRecord: ['OpenRecord'], CheckRoleUsable: ['CheckRoleUsable'], ListTokens: ['ListTokens', 'ListTokensAgain'],
  RecordIntent: ['RecordIntent'], RemoveTokens: ['RemoveTokens'], RecordResult: ['RecordResult'],
  RecordDeleteIntent: ['RecordDeleteIntent'], DeleteUser: ['DeleteUser'] };
/** The Lambdas that change the user (or, for check-role-usable, act in another account): never before the record is open. */
const ACTING = ['check-role-usable', 'list-tokens', 'remove-tokens', 'delete-user'];
const DETAIL_TYPES = { DELETED: 'Offboarding Completed', ALREADY_ABSENT: 'Offboarding Completed', DRY_RUN: 'Offboarding Completed',
  REFUSED: 'Offboarding Refused', FAILED: 'Offboarding Failed' };
const RECORDED_CALLS = { 'record-outcome': path.join(DIR, 'target', 'record-outcome-calls'),
  'list-tokens': path.join(DIR, 'target', 'list-tokens-calls') };
const EXECUTION = executionId;
const testCases = mockConfig.StateMachines[STATE_MACHINE].TestCases;

for (const dir of Object.values(RECORDED_CALLS)) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

function mocked(name, index = 0) {
  return structuredClone(Object.entries(mockConfig.MockedResponses[name])
    .find(([key]) => { const [from, to = from] = key.split('-').map(Number); return index >= from && index <= to; })[1]);
}

function payloadOf(name, index = 0) {
  return mocked(name, index).Return.Payload;
}

/** The inventory a list-tokens mock answers. */
function inventoryOf(name, index = 0) {
  return payloadOf(name, index).inventory;
}

function javaMessage(name, index = 0) {
  return JSON.parse(mocked(name, index).Throw.Cause).errorMessage;
}

/** What validate-request answered in this test case (its mocked Return), or null when it refused. */
function validated(testCase) {
  const entry = Object.values(mockConfig.MockedResponses[testCases[testCase].ValidateRequest]).find((e) => e.Return);
  return entry ? structuredClone(entry.Return.Payload) : null;
}

function calls(result, state) {
  return result.invocations.filter((c) => c.state === state);
}

function lambdaCalls(result, lambda) {
  return result.invocations.filter((c) => LAMBDA_OF_ARN[c.input.FunctionName] === lambda);
}

function round(name, index = 0) {
  const { mode, quarantineUntil, deny, items } = payloadOf(name, index);
  return { mode, quarantineUntil, deny, items };
}

/** The state input with which the execution entered a state (the last time). */
function entered(result, state) {
  return result.events.filter((e) => e.type === 'StateEntered' && e.state.name === state).at(-1).state.input;
}

/** The mocked answer a recorded invocation got. */
function answerOf(call) {
  return mocked(call.response, call.index);
}

function answered(invocations) {
  return invocations.filter((c) => answerOf(c).Return).map((c) => answerOf(c).Return.Payload);
}

/** The phase each list-tokens call should carry: one per entry of ListTokens or ListTokensAgain, and per retry. */
function expectedPhases(result) {
  const phases = [];
  let previous = null;
  let current = null;
  for (const e of result.events) {
    const name = e.state?.name;
    if (e.type === 'StateEntered') {
      if (name === 'ListTokens' || name === 'ListTokensAgain') {
        current = PHASE_AFTER[previous];
        phases.push(current);
      }
      previous = name;
    } else if (e.type === 'StateRetried' && (name === 'ListTokens' || name === 'ListTokensAgain')) {
      phases.push(current);
    }
  }
  return phases;
}

/** The removal rounds as the workflow keeps them: newest first, each holding the ones before. */
function nested(items) {
  return items.reduce((before, item) => ({ ...item, before }), null);
}

/** What OpenRecord answered the earlier run left unfinished (null: nothing, or the record could not be opened). */
function recoveryFound(result) {
  return answered(calls(result, 'OpenRecord'))[0]?.recovery ?? null;
}

/**
 * What record-outcome should be sent at the invocation `call` (RunState), from the mocked answers before it alone:
 * the stage of its state, the first inventory and the latest inspection, every round, the sweeps (one after each
 * round DeleteUser kept conflicting through, at most 3), DeleteUser's calls up to its last STILL_CONFLICTING, every
 * interrupted removal of the round, DeleteUser's last answer, the failed step (at CONCLUDE), the execution, its start
 * time and what OpenRecord found.
 */
function expectedRunState(result, entry, call) {
  const before = result.invocations.slice(0, result.invocations.indexOf(call));
  const byLambda = (lambda) => before.filter((c) => LAMBDA_OF_ARN[c.input.FunctionName] === lambda);
  const inspections = answered(byLambda('list-tokens'));
  const removals = byLambda('remove-tokens');
  const interrupts = (c) => answerOf(c).Throw?.Error === `${JAVA}IamRetryableException`;
  const rounds = answered(removals).map(({ mode, quarantineUntil, deny, items }) =>
    ({ round: { mode, quarantineUntil, deny, items } }));
  const interrupted = removals.filter(interrupts).map((c) => ({ step: 'RemoveTokens', mode: c.input.Payload.mode,
    error: answerOf(c).Throw.Error, cause: JSON.parse(answerOf(c).Throw.Cause) }));
  const deleteUser = before.filter((c) => c.state === 'DeleteUser');
  const stillConflicting = deleteUser.findLastIndex((c) => answerOf(c).Return?.Payload.outcome === 'STILL_CONFLICTING');
  const deletions = answered(deleteUser);
  const conflicts = deletions.filter((d) => d.outcome === 'STILL_CONFLICTING');
  const stage = RECORD_STAGES[call.state];
  const failedStep = stage === 'CONCLUDE' ? result.path.map((s) => FAILED_STEP[s]).find(Boolean) : undefined;
  const caught = failedStep && answerOf(before.filter((c) => STEP_STATES[failedStep].includes(c.state)).at(-1)).Throw;
  return {
    stage,
    request: entry.request,
    inventory: inspections[0]?.inventory ?? null,
    latest: inspections.at(-1) ?? null,
    log: {
      rounds: nested(rounds),
      sweeps: Math.min(conflicts.length, 3),
      deleteUserCalls: stillConflicting + 1,
      interruptions: removals.slice(removals.findLastIndex((c) => answerOf(c).Return) + 1).filter(interrupts).length,
      interrupted: nested(interrupted),
      lastConflict: conflicts.at(-1)?.conflict ?? null,
    },
    deletion: deletions.length === 0 ? null
      : (({ outcome, at, attempt, conflict }) => ({ outcome, at, attempt, conflict }))(deletions.at(-1)),
    failure: caught ? { step: failedStep, error: caught.Error, cause: caught.Cause } : null,
    execution: EXECUTION(result.testCase),
    startedAt: START_TIME,
    recovery: call.state === 'OpenRecord' ? null : recoveryFound(result),
  };
}

/**
 * Keeps what the definition sent a Java-deciding function and the mocked answer, for the IT to check: list-tokens'
 * calls one file each, record-outcome's in one file per test case, in the order they were made (the IT replays them
 * against one record store), each mocked Return with its state and invocation index.
 */
function recordCalls(result) {
  const recordOutcome = [];
  for (const call of result.invocations) {
    const lambda = LAMBDA_OF_ARN[call.input.FunctionName];
    const answer = answerOf(call);
    if (!RECORDED_CALLS[lambda] || !answer?.Return) {
      continue;
    }
    if (lambda === 'record-outcome') {
      recordOutcome.push({ state: call.state, index: call.index, payload: call.input.Payload, answer: answer.Return.Payload });
      continue;
    }
    fs.writeFileSync(path.join(RECORDED_CALLS[lambda], `${result.testCase}-${call.state}-${call.index}.json`),
      `${JSON.stringify({ payload: call.input.Payload, answer: answer.Return.Payload }, null, 2)}\n`);
  }
  if (recordOutcome.length > 0) {
    fs.writeFileSync(path.join(RECORDED_CALLS['record-outcome'], `${result.testCase}.json`),
      `${JSON.stringify({ testCase: result.testCase, calls: recordOutcome }, null, 2)}\n`);
  }
}

/** The events the run put, each entry as the Task gave it (Announce or AnnounceNotRecorded, the answered call). */
function eventsPut(result) {
  return result.invocations.filter((c) => ANNOUNCING_STATES.includes(c.state) && answerOf(c).Return)
    .map((c) => ({ state: c.state, entries: c.input.Entries }));
}

/** What every run must satisfy, whatever its path. */
function checkRun(result) {
  const { testCase } = result;
  const id = EXECUTION(testCase);
  const lambdaInvocations = result.invocations.filter((c) => !ANNOUNCING_STATES.includes(c.state));
  for (const call of lambdaInvocations) {
    const lambda = LAMBDA_OF_ARN[call.input.FunctionName];
    assert.ok(lambda, `${call.state} was called with FunctionName ${call.input.FunctionName}`);
    assert.deepEqual(Object.keys(call.input).sort(), ['FunctionName', 'Payload']);
    assert.deepEqual(problems(call.input.Payload, RECORDS[lambda].request), [],
      `${call.state} payload does not fit ${RECORDS[lambda].request}`);
    assert.equal(call.input.Payload.execution, id, `${call.state} names the execution`);
  }
  // validate-request first, with the input exactly as the execution was started with; nothing else before it answers.
  const [first] = result.invocations;
  assert.equal(first?.state, 'ValidateRequest', 'the first Lambda called');
  for (const call of calls(result, 'ValidateRequest')) {
    assert.deepEqual(call.input.Payload, { request: inputs[testCase], executionName: executionName(testCase), execution: id });
  }
  const entry = validated(testCase);
  if (!entry) {
    assert.deepEqual(result.invocations.filter((c) => c.state !== 'ValidateRequest'), [], 'a refused input calls nothing else');
    assert.equal(result.status, 'FAILED');
    return;
  }
  // Before anything acts on the user, the record is open: OpenRecord right after validation, and nothing that acts
  // (not even the role check in another account) unless it answered.
  const opened = calls(result, 'OpenRecord');
  assert.ok(opened.length >= 1 && result.invocations.indexOf(opened[0]) === calls(result, 'ValidateRequest').length,
    'OpenRecord comes right after validate-request');
  const acting = result.invocations.filter((c) => ACTING.includes(LAMBDA_OF_ARN[c.input?.FunctionName]));
  assert.ok(acting.length === 0 || answerOf(opened.at(-1)).Return, 'nothing acts on the user unless the record was opened');
  assert.ok(acting.every((c) => result.invocations.indexOf(c) > result.invocations.indexOf(opened.at(-1))));
  // From there on every function acts on the validated request, in the account validate-request named; each
  // inventory is taken as the look the workflow is at (the first, again after a change, the last), with what an
  // unfinished earlier run left.
  const recovery = recoveryFound(result);
  const phases = expectedPhases(result);
  assert.equal(phases.length, lambdaCalls(result, 'list-tokens').length);
  lambdaCalls(result, 'list-tokens').forEach((call, i) => {
    assert.deepEqual(call.input.Payload, { ...entry.request, memberAccount: entry.memberAccount, phase: phases[i], execution: id,
      recovery }, `${call.state} ${call.index}: the validated request, at phase ${phases[i]}, with OpenRecord's recovery`);
  });
  for (const call of lambdaCalls(result, 'list-tokens').filter((c) => answerOf(c).Return)) {
    assert.equal(answerOf(call).Return.Payload.decision.phase, call.input.Payload.phase, `${call.state} ${call.index}: decided at its phase`);
  }
  // Every removal round acts on the latest inventory as the latest decision says, and only once its intent is written
  // (the same intent stands for the round's attempts after an interruption); DeleteUser only once its intent is.
  for (const call of lambdaCalls(result, 'remove-tokens')) {
    const before = result.invocations.slice(0, result.invocations.indexOf(call));
    const { inventory, decision } = answered(before.filter((c) => LAMBDA_OF_ARN[c.input.FunctionName] === 'list-tokens')).at(-1);
    assert.deepEqual(call.input.Payload, { inventory, mode: decision.mode, dryRun: decision.dryRun,
      quarantineDays: decision.quarantineDays, memberAccount: entry.memberAccount, execution: id },
    `${call.state} ${call.index}: the latest inventory, as the latest decision says`);
    const sinceLook = before.slice(before.findLastIndex((c) => LAMBDA_OF_ARN[c.input?.FunctionName] === 'list-tokens') + 1);
    const intent = sinceLook.filter((c) => c.state === 'RecordIntent');
    assert.ok(intent.length > 0 && answerOf(intent.at(-1)).Return, `RemoveTokens ${call.index}: its round's intent was written first`);
    assert.deepEqual(intent.at(-1).input.Payload.latest, { inventory, decision }, 'the intent is the round about to run');
  }
  for (const call of calls(result, 'DeleteUser')) {
    const before = result.invocations.slice(0, result.invocations.indexOf(call));
    const since = before.slice(before.findLastIndex((c) => ['RemoveTokens', 'ListTokens', 'ListTokensAgain'].includes(c.state)) + 1);
    const intent = since.filter((c) => c.state === 'RecordDeleteIntent');
    assert.ok(intent.length > 0 && answerOf(intent.at(-1)).Return, `DeleteUser ${call.index}: its intent was written first`);
  }
  for (const call of lambdaCalls(result, 'delete-user')) {
    assert.deepEqual(call.input.Payload.memberAccount, entry.memberAccount, `${call.state}: the account to act in`);
  }
  assert.ok(calls(result, 'CheckRoleUsable').length === 0 || entry.memberAccount !== null,
    'the role check only for another account');
  // The DeleteUser mocks behave like delete-user: it raises DeleteConflict only before lastAttempt, answers it at
  // lastAttempt, and echoes the attempt it was given.
  for (const call of calls(result, 'DeleteUser')) {
    const { attempt, lastAttempt } = call.input.Payload;
    assert.equal(lastAttempt, 50);
    const answer = answerOf(call);
    if (answer.Throw?.Error === `${JAVA}UserDeleteConflictException`) {
      assert.ok(attempt < lastAttempt, `DeleteUser ${call.index}: delete-user answers a conflict at attempt ${attempt}, it does not raise it`);
    } else if (answer.Return) {
      assert.equal(answer.Return.Payload.attempt, attempt, `DeleteUser ${call.index}: the attempt is echoed`);
      assert.equal(answer.Return.Payload.outcome === 'STILL_CONFLICTING', attempt >= lastAttempt && answer.Return.Payload.conflict !== null,
        `DeleteUser ${call.index}: STILL_CONFLICTING exactly at the last attempt, with IAM's answer`);
    }
  }
  for (const e of result.events.filter((ev) => ev.type === 'StateEntered' && ev.state.name === 'WaitForPropagation')) {
    assert.equal(e.state.input.settings.propagationWaitSeconds, Number(substitutions.PropagationWaitSeconds));
  }
  // record-outcome is sent the run's state at each stage, and answers where it wrote the one record of the execution.
  const key = recordKey(entry.request, executionName(testCase), START_TIME);
  for (const call of lambdaCalls(result, 'record-outcome')) {
    assert.deepEqual(call.input.Payload, expectedRunState(result, entry, call), `what ${call.state} ${call.index} is sent`);
    const answer = answerOf(call).Return?.Payload;
    if (answer) {
      assert.deepEqual(answer.recordAt, recordAt(key), `${call.state} ${call.index}: the execution's one record`);
    } else {
      assert.ok(answerOf(call).Throw.Error === STORE_REFUSED || answerOf(call).Throw.Error.startsWith('Lambda.'),
        `${call.state} ${call.index}: record-outcome fails only when the store or Lambda does`);
    }
  }
  // Every path after validation ends at record-outcome, which says how it ends; then the end is announced.
  const outcome = calls(result, 'RecordOutcome');
  assert.ok(outcome.length >= 1, 'record-outcome is called');
  assert.ok(outcome.every((c) => c.index === outcome.length - 1 || answerOf(c).Throw),
    'record-outcome concludes once (its retries aside)');
  const conclusion = answerOf(outcome.at(-1)).Return?.Payload;
  const puts = eventsPut(result);
  const announced = calls(result, conclusion ? 'Announce' : 'AnnounceNotRecorded');
  assert.ok(announced.length >= 1, 'the end is announced');
  assert.deepEqual(announced.map((c) => c.input.Entries.length), announced.map(() => 1), 'one event');
  const [event] = announced[0].input.Entries;
  assert.deepEqual([event.Source, event.EventBusName], [substitutions.OffboardingEventSource, substitutions.OffboardingEventBusName],
    'on the stack\'s bus, from its source');
  if (conclusion) {
    assert.deepEqual({ DetailType: event.DetailType, Detail: event.Detail },
      { DetailType: conclusion.announcement.detailType, Detail: conclusion.announcement.detail }, 'the event record-outcome made');
    assert.equal(event.DetailType, DETAIL_TYPES[conclusion.record.outcome], `${conclusion.record.outcome} is announced so`);
    assert.deepEqual(problems(event.Detail, 'definitions/announcement.json#/$defs/detail'), []);
    assert.deepEqual(event.Detail.record, recordAt(key), 'the event says where the record is');
  } else {
    const caught = answerOf(outcome.at(-1)).Throw;
    assert.deepEqual(event, { Source: substitutions.OffboardingEventSource, EventBusName: substitutions.OffboardingEventBusName,
      DetailType: 'Offboarding Failed', Detail: { outcome: 'FAILED', userName: entry.request.userName,
        accountId: entry.request.accountId, requestedBy: entry.request.requestedBy, reason: entry.request.reason,
        error: caught.Error, cause: caught.Cause, record: null, execution: id } }, 'announced as failed, with no record');
    assert.deepEqual(problems(event.Detail, 'definitions/announcement.json#/$defs/detail'), [],
      'the same detail as any other end\'s');
  }
  if (puts.length === 0) {
    assert.deepEqual(result.path.slice(-2), [announced[0].state, 'NotAnnounced']);
    assert.deepEqual([result.status, result.error, result.cause],
      ['FAILED', 'Offboarding.NotAnnounced', answerOf(announced.at(-1)).Throw.Cause], 'an end not announced fails the execution');
    return;
  }
  assert.equal(puts.length, 1, 'one event per execution');
  if (!conclusion) {
    const caught = answerOf(outcome.at(-1)).Throw;
    const storeRefused = caught.Error === STORE_REFUSED;
    assert.deepEqual(result.path.slice(-4), ['RecordOutcome', 'AnnounceNotRecorded', 'WhyNotRecorded',
      storeRefused ? 'RecordsUnavailable' : 'OutcomeNotRecorded']);
    assert.deepEqual([result.status, result.error, result.cause],
      ['FAILED', storeRefused ? 'Offboarding.RecordsUnavailable' : caught.Error, caught.Cause],
      'a store that cannot be written is named so; any other failure of record-outcome keeps its own error and Cause');
    return;
  }
  // The final record: a refused or failed run's too, with the error and Cause the execution fails with.
  const { record } = conclusion;
  assert.deepEqual(problems(record, 'audit-record'), [], 'the final record is an audit record');
  assert.deepEqual(Object.keys(record), AUDIT_FIELDS);
  assert.equal(record.executionId, id);
  assert.equal(record.startedAt, STARTED_AT, 'the execution\'s start');
  assert.equal(record.pending, null, 'nothing pending at the end');
  assert.deepEqual(record.recoveredFrom, recovery, 'the unfinished run this one finished, if any');
  for (const field of FROM_REQUEST) {
    assert.deepEqual(record[field], entry.request[field], `the record's ${field} is the validated request's`);
  }
  assert.equal(record.accountId, entry.request.accountId ?? HOME_ACCOUNT_ID,
    'the account the user is in: the request\'s, or else the stack\'s own');
  // Every DeleteUser call is counted, but those of a round that failed: the state a caught failure leaves does not
  // say how many times the Task was tried.
  const failedAtDeleteUser = result.path.includes('DeleteUserFailed');
  assert.ok(failedAtDeleteUser ? record.deleteUserAttempts < calls(result, 'DeleteUser').length
    : record.deleteUserAttempts === calls(result, 'DeleteUser').length, 'deleteUserAttempts is the number of DeleteUser calls');
  if (conclusion.failed) {
    assert.deepEqual(result.path.slice(-4), FAILED);
    assert.deepEqual([result.status, result.error, result.cause], ['FAILED', conclusion.error, conclusion.cause],
      'the execution fails with record-outcome\'s error and Cause');
    assert.deepEqual([record.error, record.cause], [conclusion.error, conclusion.cause], 'and the record says them');
  } else {
    assert.deepEqual(result.path.slice(-4), RECORDED);
    assert.deepEqual([result.status, result.output], ['SUCCEEDED', record], 'the output is record-outcome\'s record');
  }
}

async function runChecked(testCase) {
  const result = await run(testCase);
  result.testCase = testCase;
  recordCalls(result);
  checkRun(result);
  return result;
}

/** No IAM change: remove-tokens, if called, only planned (a dry run), and DeleteUser never called. */
function assertNothingChanged(result) {
  assert.ok(lambdaCalls(result, 'remove-tokens').every((c) => c.input.Payload.dryRun === true), 'only a dry run');
  assert.deepEqual(lambdaCalls(result, 'delete-user'), []);
}

/** A refusal: the record opened, the inventory taken, the refusal recorded and announced, nothing else called. */
function assertRefusedAtFirstLook(result) {
  assertNothingChanged(result);
  assert.deepEqual(calls(result, 'RemoveTokens'), []);
  assert.deepEqual(result.invocations.map((c) => c.state), ['ValidateRequest', 'OpenRecord', 'ListTokens', 'RecordOutcome', 'Announce']);
}

// ---- refused by validate-request, before any other Lambda (so before any IAM or STS call) ----

for (const [testCase, shape] of [['NotAnObject', 'a string'], ['AnArray', 'an array'], ['NullInput', 'null']]) {
  test(`an input that is not a JSON object (${shape}): validate-request refuses it, Offboarding.InvalidRequest, nothing else called`, async () => {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path, REFUSED_AT_ENTRY);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.equal(r.cause, javaMessage(testCases[testCase].ValidateRequest));
    assert.ok(r.cause.endsWith(`; it is ${shape}`), r.cause);
    assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
    assert.deepEqual(r.invocations[0].input.Payload.request, inputs[testCase], 'the raw input, whatever its shape');
  });
}

for (const [testCase, what] of [['InvalidRequest', 'a malformed userName'], ['NullOptionalFields', 'explicit nulls'],
  ['TriggerNotBound', 'a trigger this execution was not started for']]) {
  test(`a request with ${what}: Offboarding.InvalidRequest with validate-request's message, nothing else called`, async () => {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path, REFUSED_AT_ENTRY);
    assert.equal(r.error, 'Offboarding.InvalidRequest');
    assert.equal(r.cause, javaMessage(testCases[testCase].ValidateRequest));
    assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
  });
}

test('a malformed request naming another account is refused before the role check there (no STS call)', async () => {
  const r = await runChecked('OtherAccountInvalidRequest');
  assert.deepEqual(r.path, REFUSED_AT_ENTRY);
  assert.equal(r.error, 'Offboarding.InvalidRequest');
  assert.match(r.cause, /unknown field "dryrun"/);
  assert.deepEqual(calls(r, 'CheckRoleUsable'), []);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
});

test('validate-request misconfigured: Offboarding.Misconfigured with the Java message, nothing else called', async () => {
  const r = await runChecked('MisconfiguredEntry');
  assert.deepEqual(r.path, ['ValidateRequest', 'ExplainMisconfiguredEntry', 'Misconfigured']);
  assert.equal(r.error, 'Offboarding.Misconfigured');
  assert.equal(r.cause, javaMessage('ValidateRequestMisconfigured'));
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest']);
});

test('a request list-tokens refuses all the same: Offboarding.InvalidRequest with its message, before any removal', async () => {
  const r = await runChecked('RefusedByListTokens');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ListTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.InvalidRequest');
  assert.equal(r.cause, javaMessage('ListTokensRefusesRequest'), 'the Java message alone: nothing was done yet');
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'OpenRecord', 'ListTokens', 'RecordOutcome', 'Announce']);
});

// ---- the validated request drives the run ----

test('already absent: succeeds with ALREADY_ABSENT and the validated request (defaults filled in)', async () => {
  const r = await runChecked('AlreadyAbsent');
  assert.deepEqual(r.path, [...HEAD, ...RECORDED]);
  assert.deepEqual(r.output, {
    outcome: 'ALREADY_ABSENT', userName: USER, accountId: '123456789012', reason: 'Left the company on 2026-11-20',
    requestedBy: 'alice@example.com', trigger: null, force: false, allowPrivileged: false, quarantineDays: 0,
    inventory: inventoryOf('ListTokensAbsent'), plan: null, wouldRefuse: null, removed: [], interruptedRemovals: null,
    deleteUserAttempts: 0, sweeps: 0,
    deletedAt: null, executionId: EXECUTION('AlreadyAbsent'), startedAt: STARTED_AT,
    updatedAt: r.output.updatedAt, pending: null, error: null, cause: null, recoveredFrom: null,
  });
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'OpenRecord', 'ListTokens', 'RecordOutcome', 'Announce']);
});

test('started for an event (execution named after it): the trigger is accepted and kept in the audit record', async () => {
  const r = await runChecked('TriggeredAlreadyAbsent');
  assert.equal(executionName('TriggeredAlreadyAbsent'), `event-${inputs.TriggeredAlreadyAbsent.trigger.eventId}`);
  assert.deepEqual(r.path, [...HEAD, ...RECORDED]);
  assert.deepEqual(r.output.trigger, inputs.TriggeredAlreadyAbsent.trigger);
  assert.equal(r.output.requestedBy, 'hr-sync');
  assert.equal(r.output.executionId, 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:event-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
});

test('the stack\'s default quarantine comes from validate-request: a request without quarantineDays is quarantined', async () => {
  const r = await runChecked('DefaultQuarantine');
  assert.equal(inputs.DefaultQuarantine.quarantineDays, undefined);
  assert.deepEqual(r.path, [...HEAD, ...QUARANTINE, ...REMOVE_AND_DELETE, ...RECORDED]);
  assert.equal(calls(r, 'ListTokens')[0].input.Payload.quarantineDays, 7);
  assert.deepEqual([calls(r, 'RemoveTokens')[0].input.Payload.mode, calls(r, 'RemoveTokens')[0].input.Payload.quarantineDays],
    ['LOCK_OUT', 7]);
  assert.equal(r.output.quarantineDays, 7);
  assert.equal(r.output.outcome, 'DELETED');
});

test('protected user: refused with UserProtected, nothing removed', async () => {
  const r = await runChecked('Protected');
  assert.deepEqual(r.path, [...HEAD, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserProtected');
  assert.match(r.cause, /^Refusing to delete user little_tester: it is tagged as protected/);
  assert.ok(r.cause.includes('{"key":"offboarding:protected","value":"true"}'), r.cause);
  assert.match(r.cause, /Nothing was changed\. .*remove the protection tag/);
  assertRefusedAtFirstLook(r);
});

test('recently active: refused with UserRecentlyActive naming the key, when and where it was used, and the way out', async () => {
  const r = await runChecked('RecentlyActiveRefused');
  assert.deepEqual(r.path, [...HEAD, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserRecentlyActive');
  assert.equal(r.cause, 'Refusing to delete user little_tester: it was active recently. Its access key '
    + 'AKIAEXAMPLEKEY000001 was last used at 2026-11-20T16:42:10Z (service "sts", region "us-east-1"). Nothing was changed. '
    + 'To delete it anyway, run again with "force": true; to lock it out now and delete it after a quiet period, '
    + 'run again with "quarantineDays" set to that many days (1 to 90).');
  assertRefusedAtFirstLook(r);
});

test('recently active with force: removed and deleted', async () => {
  const r = await runChecked('RecentlyActiveForced');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.force, true);
  assert.deepEqual(r.output.inventory, inventoryOf('ListTokensRecentKeyUseForced'));
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload,
    { inventory: inventoryOf('ListTokensRecentKeyUseForced'), mode: 'REMOVE', dryRun: false, quarantineDays: 0, memberAccount: null,
      execution: EXECUTION('RecentlyActiveForced') });
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload),
    [{ userName: USER, attempt: 0, lastAttempt: 50, memberAccount: null, execution: EXECUTION('RecentlyActiveForced') }]);
  assert.equal(r.output.deleteUserAttempts, 1);
  assert.equal(r.output.deletedAt, payloadOf('DeleteUserFirstTry').at);
});

test('dry run of a recently active user: the plan and the guard that would trip, nothing changed', async () => {
  const r = await runChecked('DryRunWouldRefuse');
  assert.deepEqual(r.path, [...HEAD, ...ROUND, ...RECORDED]);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAll').items);
  assert.ok(r.output.plan.every((item) => item.action.startsWith('WOULD_')));
  assert.equal(r.output.wouldRefuse.error, 'Offboarding.UserRecentlyActive');
  assert.deepEqual(r.output.wouldRefuse.lastActivity, inventoryOf('ListTokensRecentConsoleUse').lastActivity);
  assert.match(r.output.wouldRefuse.cause, /console password was last used to sign in at 2026-11-19T08:03:00Z/);
  assert.deepEqual(r.output.removed, []);
  assert.equal(r.output.deletedAt, null);
  assert.deepEqual(calls(r, 'RemoveTokens').map((c) => c.input.Payload),
    [{ inventory: inventoryOf('ListTokensRecentConsoleUse'), mode: 'REMOVE', dryRun: true, quarantineDays: 0, memberAccount: null,
      execution: EXECUTION('DryRunWouldRefuse') }]);
  assertNothingChanged(r);
});

test('dry run of a user no guard stops: the plan, wouldRefuse null', async () => {
  const r = await runChecked('DryRunWouldProceed');
  assert.deepEqual(r.path, [...HEAD, ...ROUND, ...RECORDED]);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.equal(r.output.wouldRefuse, null);
  assert.equal(r.output.requestedBy, 'alice@example.com');
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAll').items);
  assertNothingChanged(r);
});

// ---- privileged users ----

const ADMIN_REASONS = '["the AWS managed policy AdministratorAccess is attached to it"]';

test('a privileged user: refused with UserPrivileged saying how it can administer the account, nothing changed', async () => {
  const r = await runChecked('Privileged');
  assert.deepEqual(r.path, [...HEAD, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.equal(r.cause, `Refusing to delete user little_tester: it can administer the account (${ADMIN_REASONS}). `
    + 'Nothing was changed. If it really must go, start the offboarding from the console or the offboard command with '
    + '"allowPrivileged": true (an event can never set it).');
  assertRefusedAtFirstLook(r);
});

test('a privileged user with allowPrivileged: removed (the administrator policy too) and deleted', async () => {
  const r = await runChecked('PrivilegedAllowed');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.allowPrivileged, true);
  assert.equal(r.output.inventory.privileged, true);
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAllPrivileged')]);
  assert.ok(r.output.removed[0].items.some((i) => i.id === 'arn:aws:iam::aws:policy/AdministratorAccess'));
});

test('dry run of a privileged user: the plan, and UserPrivileged as the guard that would trip', async () => {
  const r = await runChecked('DryRunPrivileged');
  assert.deepEqual(r.path, [...HEAD, ...ROUND, ...RECORDED]);
  assert.equal(r.output.outcome, 'DRY_RUN');
  assert.equal(r.output.wouldRefuse.error, 'Offboarding.UserPrivileged');
  assert.deepEqual(r.output.wouldRefuse.privilegeReasons, JSON.parse(ADMIN_REASONS));
  assert.deepEqual(r.output.plan, payloadOf('RemoveTokensPlanAllPrivileged').items);
  assertNothingChanged(r);
});

test('made an administrator during the quarantine: UserPrivileged, the lock-out is reported, nothing removed', async () => {
  const r = await runChecked('PrivilegedAfterQuarantine');
  assert.deepEqual(r.path, [...HEAD, ...QUARANTINE, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.equal(r.cause, 'User little_tester was given the rights to administer the account while it was being offboarded '
    + `(${ADMIN_REASONS}), so it was not deleted. Already done by this execution, which its owner may want undone: `
    + `[${JSON.stringify(round('RemoveTokensLockedOut'))}]. To finish the offboarding, start it again with `
    + '"allowPrivileged": true from the console or the offboard command.');
  assert.deepEqual(calls(r, 'RemoveTokens').map((c) => c.input.Payload.mode), ['LOCK_OUT'], 'the lock-out only');
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('made an administrator before a sweep: UserPrivileged listing the removal, and DeleteUser\'s calls counted', async () => {
  const r = await runChecked('PrivilegedBeforeSweep');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE, ...SWEEP, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserPrivileged');
  assert.ok(r.cause.includes(inventoryOf('ListTokensAddedToAdminGroup').privilegeReasons[0]), r.cause);
  assert.ok(r.cause.includes(`[${JSON.stringify(round('RemoveTokensRemovedAll'))}]`), r.cause);
  assert.deepEqual(calls(r, 'RemoveTokens').length, 1);
  assert.equal(entered(r, 'RecordOutcome').log.deleteUserCalls, calls(r, 'DeleteUser').length);
  assert.equal(calls(r, 'DeleteUser').length, 51);
});

// ---- quarantine ----

test('quarantine: lock out, wait until quarantineUntil, fresh inventory, remove, delete', async () => {
  const r = await runChecked('Quarantine');
  assert.deepEqual(r.path, [...HEAD, ...QUARANTINE, ...REMOVE_AND_DELETE, ...RECORDED]);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload,
    { inventory: inventoryOf('ListTokensRecentKeyUseLockOut'), mode: 'LOCK_OUT', dryRun: false, quarantineDays: 7, memberAccount: null,
      execution: EXECUTION('Quarantine') });
  const wait = r.events.find((e) => e.type === 'StateEntered' && e.state.name === 'WaitForQuarantine');
  assert.equal(wait.state.input.removal.quarantineUntil, payloadOf('RemoveTokensLockOutThenRemoval', 0).quarantineUntil);
  assert.equal(definition().States.WaitForQuarantine.TimestampPath, '$.removal.quarantineUntil');
  assert.deepEqual(calls(r, 'ListTokensAgain').map((c) => c.input.Payload.phase), ['AGAIN'], 'a fresh look after the quarantine');
  assert.deepEqual(calls(r, 'RemoveTokens')[1].input.Payload,
    { inventory: inventoryOf('ListTokensLockedOut'), mode: 'REMOVE', dryRun: false, quarantineDays: 0, memberAccount: null,
      execution: EXECUTION('Quarantine') }, 'the removal acts on the fresh inventory');
  assert.equal(r.output.outcome, 'DELETED');
  assert.deepEqual(r.output.inventory, inventoryOf('ListTokensRecentKeyUseLockOut'), 'the inventory from before the lock-out');
  assert.deepEqual(r.output.removed, [round('RemoveTokensLockOutThenRemoval', 0), round('RemoveTokensLockOutThenRemoval', 1)]);
  assert.equal(r.output.removed[0].mode, 'LOCK_OUT');
  assert.equal(r.output.quarantineDays, 7);
});

test('quarantine, user handed back meanwhile (now protected): UserProtected, the lock-out is reported, nothing removed', async () => {
  const r = await runChecked('QuarantineHandedBack');
  assert.deepEqual(r.path, [...HEAD, ...QUARANTINE, ...FAILED]);
  assert.equal(r.error, 'Offboarding.UserProtected');
  assert.match(r.cause, /^User little_tester was tagged as protected while it was being offboarded/);
  assert.ok(r.cause.includes(JSON.stringify(round('RemoveTokensLockedOut'))), r.cause);
  assert.deepEqual(calls(r, 'RemoveTokens').map((c) => c.input.Payload.mode), ['LOCK_OUT'], 'the lock-out only');
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

// ---- DeleteUser, its conflicts and the sweeps ----

test('DeleteConflict during propagation: DeleteUser retried in place, then DELETED', async () => {
  const r = await runChecked('ConflictsRetried');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['DeleteUser', 'DeleteUser', 'DeleteUser']);
  const conflict = `dev.offboarding.errors.UserDeleteConflictException`;
  assert.deepEqual(r.events.filter((e) => e.type === 'StateFailed').map((e) => [e.state.name, e.Error]),
    [['DeleteUser', conflict], ['DeleteUser', conflict], ['DeleteUser', conflict]]);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload.attempt), [0, 1, 2, 3]);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.deleteUserAttempts, 4);
  assert.equal(r.output.sweeps, 0);
  assert.equal(r.output.accountId, '123456789012');
  assert.equal(r.output.deletedAt, payloadOf('DeleteUserConflictThrice', 3).at);
});

test('retries used up: the 51st call answers STILL_CONFLICTING, a sweep removes what appeared meanwhile, then DELETED', async () => {
  const r = await runChecked('SweepThenDeleted');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE, ...SWEEP, ...REMOVE_AND_DELETE, ...RECORDED]);
  assert.equal(r.retries.filter((s) => s === 'DeleteUser').length, 50);
  const last = calls(r, 'DeleteUser')[50];
  assert.deepEqual([last.input.Payload.attempt, last.input.Payload.lastAttempt], [50, 50]);
  assert.equal(answerOf(last).Return.Payload.outcome, 'STILL_CONFLICTING');
  assert.deepEqual(entered(r, 'SweepOrGiveUp').log, { rounds: { round: round('RemoveTokensThenNewKey', 0), before: null },
    sweeps: 0, deleteUserCalls: 51, interruptions: 0, interrupted: null, lastConflict: answerOf(last).Return.Payload.conflict });
  assert.deepEqual(calls(r, 'ListTokensAgain').map((c) => c.input.Payload.phase), ['AGAIN']);
  assert.deepEqual(calls(r, 'RemoveTokens')[1].input.Payload.inventory, inventoryOf('ListTokensNewKeyAppeared'));
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.sweeps, 1);
  assert.equal(calls(r, 'DeleteUser').length, 52);
  assert.equal(r.output.deleteUserAttempts, 52);
  assert.deepEqual(r.output.removed, [round('RemoveTokensThenNewKey', 0), round('RemoveTokensThenNewKey', 1)]);
  assert.deepEqual(r.output.inventory, inventoryOf('ListTokensActive'), 'the inventory from before any removal');
});

test('Lambda errors in a conflicting round: every call counts, so deleteUserAttempts is the real number of calls', async () => {
  const r = await runChecked('SweepAfterLambdaErrors');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE, ...SWEEP, ...REMOVE_AND_DELETE, ...RECORDED]);
  assert.equal(r.retries.filter((s) => s === 'DeleteUser').length, 54, '50 conflicts and 4 Lambda errors');
  const answeredCall = calls(r, 'DeleteUser')[54];
  assert.equal(answeredCall.input.Payload.attempt, 54);
  assert.equal(entered(r, 'SweepOrGiveUp').log.deleteUserCalls, 55, 'the first round: 55 calls, not 51');
  assert.equal(calls(r, 'DeleteUser').length, 56);
  assert.equal(r.output.deleteUserAttempts, 56);
  assert.equal(r.output.sweeps, 1);
});

test('a sweep that finds the user gone ends ALREADY_ABSENT with what was removed', async () => {
  const r = await runChecked('SweepFindsUserGone');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE, ...SWEEP, ...RECORDED]);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
  assert.equal(r.output.sweeps, 1);
  assert.equal(calls(r, 'DeleteUser').length, 51);
  assert.equal(r.output.deleteUserAttempts, 51);
});

test('persistent conflict: three sweeps, then DeleteConflictPersists naming what remains and IAM\'s last answer', async () => {
  const r = await runChecked('ConflictPersists');
  const attempt = [...REMOVE_AND_DELETE, 'ReadDeleteConflict', 'SweepOrGiveUp'];
  const sweep = ['StartSweep', ...LOOK_AGAIN];
  assert.deepEqual(r.path, [...HEAD, ...attempt, ...sweep, ...attempt, ...sweep, ...attempt, ...sweep, ...attempt,
    'LastLook', 'ListTokensAgain', 'Decide', ...FAILED]);
  assert.equal(calls(r, 'DeleteUser').length, 4 * 51);
  assert.equal(entered(r, 'RecordOutcome').log.deleteUserCalls, 4 * 51, 'every DeleteUser call counted');
  assert.deepEqual(calls(r, 'ListTokensAgain').map((c) => c.input.Payload.phase), ['AGAIN', 'AGAIN', 'AGAIN', 'LAST'],
    'three sweeps, then the last look');
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.match(r.cause, /^User little_tester still cannot be deleted: DeleteUser kept answering DeleteConflict through 3 sweeps\./);
  assert.ok(r.cause.includes('A fresh inventory lists 1 blocker(s)'), r.cause);
  assert.ok(r.cause.includes('group memberships [{"groupName":"qa","arn":"arn:aws:iam::123456789012:group/qa","path":"/"}]'), r.cause);
  assert.ok(r.cause.includes('access keys []'), r.cause);
  assert.ok(r.cause.includes(`Last answer: ${payloadOf('DeleteUserConflictForever', 203).conflict} Remove what is listed`), r.cause);
});

test('user deleted by someone else between removal and DeleteUser: outcome ALREADY_ABSENT from delete-user', async () => {
  const r = await runChecked('DeletedMeanwhile');
  assert.deepEqual(r.path, DELETED);
  assert.equal(r.output.outcome, 'ALREADY_ABSENT');
  assert.deepEqual(r.output.removed, [round('RemoveTokensRemovedAll')]);
});

// ---- retries and failures ----

test('throttled RemoveTokens (IamRetryableException) is logged with what it did, then run again and succeeds', async () => {
  const r = await runChecked('RemoveTokensThrottled');
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RemoveTokens', 'RecordInterruptedRemoval', 'RetryRemovalOrGiveUp',
    'DrawWaitBeforeRemovalAgain', 'WaitBeforeRemovalAgain', ...REMOVE_AND_DELETE.slice(1), ...RECORDED]);
  assert.equal(calls(r, 'RecordIntent').length, 1, 'the round\'s intent stands for its attempts');
  assert.deepEqual(r.retries, [], 'not a Task Retry: that would drop the interrupted attempt\'s message');
  assert.equal(calls(r, 'RemoveTokens').length, 2);
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input, calls(r, 'RemoveTokens')[1].input, 'the same idempotent call');
  assert.equal(r.output.outcome, 'DELETED');
  const interrupted = mocked('RemoveTokensThrottledOnce', 0).Throw;
  assert.deepEqual(r.output.interruptedRemovals, { step: 'RemoveTokens', mode: 'REMOVE', error: interrupted.Error,
    cause: JSON.parse(interrupted.Cause), before: null },
  'the interrupted attempt, whose message says what it had done, is in the audit record');
  assert.deepEqual(r.output.removed, [round('RemoveTokensThrottledOnce', 1)]);
});

test('a removal interrupted on every attempt: IamUnavailable, and the Cause still names what the first attempt deleted', async () => {
  const r = await runChecked('RemovalInterruptedThroughout');
  const again = ['RecordInterruptedRemoval', 'RetryRemovalOrGiveUp', 'DrawWaitBeforeRemovalAgain', 'WaitBeforeRemovalAgain',
    'RemoveTokens'];
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RemoveTokens', ...Array(5).fill(again).flat(),
    'RecordInterruptedRemoval', 'RetryRemovalOrGiveUp', 'RemoveTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(calls(r, 'RemoveTokens').length, 6, 'at most 5 more attempts a round');
  assert.ok(r.cause.startsWith(javaMessage('RemoveTokensInterruptedThroughout', 5)), r.cause);
  assert.ok(r.cause.includes('LOGIN_PROFILE little_tester DELETED, ACCESS_KEY AKIAEXAMPLEKEY000001 DELETED'),
    `the first attempt's deletions are in the Cause: ${r.cause}`);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('Lambda service errors are retried, validate-request\'s too; their retries count as DeleteUser attempts', async () => {
  const r = await runChecked('LambdaServiceErrorsRetried');
  assert.deepEqual(r.path, DELETED);
  assert.deepEqual(r.retries, ['ValidateRequest', 'ListTokens', 'ListTokens', 'DeleteUser']);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload.attempt), [0, 1]);
  assert.equal(r.output.deleteUserAttempts, 2);
});

test('Lambda service errors beyond the retries fail the execution with the Lambda error, bounded', async () => {
  const r = await runChecked('LambdaUnavailable');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ListTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Lambda.ServiceException', 'the catch-all keeps the error\'s own name');
  assert.equal(r.cause, `${mocked('ListTokensLambdaDown', 4).Throw.Cause}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.equal(r.retries.length, definition().States.ListTokens.Retry[0].MaxAttempts);
});

test('record-outcome itself unavailable beyond its retries: the execution fails with its Lambda error, bounded', async () => {
  const r = await runChecked('OutcomeNotRecorded');
  assert.deepEqual(r.path, [...HEAD, 'RecordOutcome', 'AnnounceNotRecorded', 'WhyNotRecorded', 'OutcomeNotRecorded']);
  assert.equal(r.error, 'Lambda.ServiceException');
  assert.equal(r.cause, mocked('RecordOutcomeLambdaDown', 4).Throw.Cause);
  assert.deepEqual(r.retries, Array(definition().States.RecordOutcome.Retry[0].MaxAttempts).fill('RecordOutcome'));
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'OpenRecord', 'ListTokens',
    ...Array(5).fill('RecordOutcome'), 'AnnounceNotRecorded']);
});

test('access denied on RemoveTokens: AccessDenied with the Java message and nothing done before, DeleteUser never called', async () => {
  const r = await runChecked('AccessDenied');
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RemoveTokens', 'RemoveTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.AccessDenied');
  assert.equal(r.cause, `${javaMessage('RemoveTokensAccessDenied')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('no deny can be attached (quota full, boundary denied by an SCP): DenyNotAttached, nothing deactivated, DeleteUser never called', async () => {
  const r = await runChecked('DenyNotAttached');
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RemoveTokens', 'RemoveTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.DenyNotAttached');
  assert.equal(r.cause, `${javaMessage('RemoveTokensDenyRefused')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, [], 'a refusal for good is not retried');
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('IAM request failure on DeleteUser: IamRequestFailed, not retried, naming the removal done before', async () => {
  const r = await runChecked('IamRequestFailed');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE.slice(0, -1), 'DeleteUserFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.IamRequestFailed');
  assert.equal(r.cause, `${javaMessage('DeleteUserRequestFailed')}${DONE_BEFORE}[${JSON.stringify(round('RemoveTokensRemovedAll'))}]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
});

test('IAM throttling beyond the retries: IamUnavailable after a bounded number of attempts', async () => {
  const r = await runChecked('IamUnavailable');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ListTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(r.cause, `${javaMessage('ListTokensThrottledThroughout')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.equal(calls(r, 'ListTokens').length, definition().States.ListTokens.Retry[1].MaxAttempts + 1);
});

test('IAM unavailable during DeleteUser after a removal: IamUnavailable, the Cause lists that round\'s items', async () => {
  const r = await runChecked('IamUnavailableAfterRemoval');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE.slice(0, -1), 'DeleteUserFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.IamUnavailable');
  assert.equal(r.cause,
    `${javaMessage('DeleteUserThrottledThroughout')}${DONE_BEFORE}[${JSON.stringify(round('RemoveTokensRemovedAll'))}]${NONE_INTERRUPTED}`);
  for (const item of round('RemoveTokensRemovedAll').items) {
    assert.ok(r.cause.includes(JSON.stringify(item)), item.id);
  }
  assert.equal(calls(r, 'DeleteUser').length, definition().States.DeleteUser.Retry[1].MaxAttempts + 1);
});

test('RemoveTokens timing out (States.Timeout): Offboarding.StepTimedOut saying so, not retried, DeleteUser never called', async () => {
  const r = await runChecked('RemoveTokensTimedOut');
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RemoveTokens', 'RemoveTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.StepTimedOut');
  assert.equal(r.cause, 'A step stopped before it finished (States.Timeout: ). What it did before it stopped is in its '
    + 'log lines for this execution; run the offboarding again to finish it (every removal is idempotent).'
    + `${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('remove-tokens refusing its input after a lock-out: Offboarding.RemovalRefused, not retried, the lock-out reported', async () => {
  const r = await runChecked('RemovalRefused');
  assert.deepEqual(r.path, [...HEAD, ...QUARANTINE, 'RecordIntent', 'RemoveTokens', 'RemoveTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.RemovalRefused');
  assert.equal(r.cause, `${javaMessage('RemoveTokensLockOutThenRefused', 1)}${DONE_BEFORE}`
    + `[${JSON.stringify(round('RemoveTokensLockOutThenRefused', 0))}]${NONE_INTERRUPTED}`);
  assert.equal(round('RemoveTokensLockOutThenRefused', 0).mode, 'LOCK_OUT');
  assert.deepEqual(r.retries, []);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
});

test('a malformed function setting: Misconfigured with the Java message', async () => {
  const r = await runChecked('Misconfigured');
  assert.deepEqual(r.path, [...ENTRY, 'ListTokens', 'ListTokensFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.Misconfigured');
  assert.equal(r.cause, `${javaMessage('ListTokensMisconfigured')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
});

test('worst case (quarantine, 3 sweeps, every retry used) stays far below 25,000 history events', async (t) => {
  const r = await runChecked('WorstCase');
  assert.equal(r.error, 'Offboarding.DeleteConflictPersists');
  assert.deepEqual(r.path.slice(-7), ['LastLook', 'ListTokensAgain', 'Decide', ...FAILED]);
  assert.equal(calls(r, 'RemoveTokens')[0].input.Payload.mode, 'LOCK_OUT');
  assert.equal(calls(r, 'ValidateRequest').length, 5);
  assert.deepEqual(calls(r, 'ListTokensAgain').filter((c) => answerOf(c).Return).map((c) => c.input.Payload.phase),
    ['AGAIN', 'AGAIN', 'AGAIN', 'AGAIN', 'LAST'], 'after the quarantine, three sweeps, the last look');
  assert.equal(calls(r, 'ListTokensAgain').length / 10, 5, 'each with 9 retries');
  assert.equal(calls(r, 'DeleteUser').length, 4 * 60, 'each round: 50 conflicts, 4 Lambda errors, 5 throttles, the answer');
  assert.equal(entered(r, 'RecordOutcome').log.deleteUserCalls, 4 * 60, 'every DeleteUser call counted');
  // record-outcome at each of its 16 stages (the record opened, 5 rounds written ahead and after, 4 DeleteUser
  // intents, the end): 4 Lambda errors, 3 refusals of the store, the answer; then the event, put at the 4th try.
  assert.deepEqual(['OpenRecord', 'RecordIntent', 'RecordResult', 'RecordDeleteIntent', 'RecordOutcome']
    .map((state) => calls(r, state).length), [1, 5, 5, 4, 1].map((stages) => stages * 8));
  assert.equal(calls(r, 'Announce').length, 4);
  // Standard workflow history: 2 execution events, entered + exited per state, and per Task attempt at most
  // scheduled + started + succeeded/failed (+1 for safety).
  const entries = r.path.length;
  const attempts = r.invocations.length;
  const estimate = 2 + 2 * entries + 4 * attempts;
  t.diagnostic(`worst case: ${entries} state entries, ${attempts} Task attempts, about ${estimate} history events`);
  assert.equal(attempts, 5 + 6 * 10 + 5 * 10 + 4 * 60 + 16 * 8 + 4,
    'validate-request, 6 inventories (the first, after the quarantine, 3 sweeps, the last), 5 rounds, 4 DeleteUser rounds,'
    + ' 16 record stages, the event');
  assert.ok(estimate < 2500, `${estimate} history events`);
});

// ---- the record store: written ahead, fail closed ----

test('the record is written ahead of every change and after it: open, before and after each round, before DeleteUser, at the end', async () => {
  const r = await runChecked('Quarantine');
  assert.deepEqual(lambdaCalls(r, 'record-outcome').map((c) => c.input.Payload.stage), ['OPEN', 'BEFORE_REMOVAL',
    'AFTER_REMOVAL', 'BEFORE_REMOVAL', 'AFTER_REMOVAL', 'BEFORE_DELETE', 'CONCLUDE']);
  assert.deepEqual(r.invocations.map((c) => c.state).filter((state) => !['ValidateRequest', 'Announce'].includes(state)),
    ['OpenRecord', 'ListTokens', 'RecordIntent', 'RemoveTokens', 'RecordResult', 'ListTokensAgain', 'RecordIntent',
      'RemoveTokens', 'RecordResult', 'RecordDeleteIntent', 'DeleteUser', 'RecordOutcome']);
  const [lockOut, removal] = calls(r, 'RecordIntent').map((c) => c.input.Payload.latest.decision.mode);
  assert.deepEqual([lockOut, removal], ['LOCK_OUT', 'REMOVE'], 'each intent names its round');
  assert.deepEqual(calls(r, 'RecordResult').map((c) => c.input.Payload.log.rounds.round),
    [round('RemoveTokensLockOutThenRemoval', 0), round('RemoveTokensLockOutThenRemoval', 1)], 'each result, the round just done');
  assert.equal(r.output.startedAt, STARTED_AT);
});

test('a store that refuses at OpenRecord: Offboarding.RecordsUnavailable after 3 tries, and no IAM or STS call at all', async () => {
  const r = await runChecked('RecordsUnavailableAtOpen');
  assert.deepEqual(r.path, ['ValidateRequest', 'Start', 'OpenRecord', 'OpenRecordFailed', ...FAILED]);
  assert.deepEqual(r.retries, Array(3).fill('OpenRecord'));
  assert.equal(definition().States.OpenRecord.Retry.find((x) => x.ErrorEquals.includes(STORE_REFUSED)).MaxAttempts, 3);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', ...Array(4).fill('OpenRecord'), 'RecordOutcome', 'Announce'],
    'fail closed: nothing looks at or acts on the user');
  assert.equal(r.error, 'Offboarding.RecordsUnavailable');
  assert.equal(r.cause, `${javaMessage('OpenRecordStoreRefusesListing', 3)}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.match(r.cause, /^s3:ListObjectsV2 of s3:\/\/[\w-]+\/records\/123456789012\/little_tester\/ failed with AccessDenied \(403\)/,
    'the Cause names the call, the location and S3\'s answer');
  const { record } = payloadOf('RecordOutcomeRecordsUnavailableAtOpen');
  assert.deepEqual([record.outcome, record.inventory, record.removed], ['FAILED', null, []], 'the store took the final record');
  assert.equal(eventsPut(r)[0].entries[0].DetailType, 'Offboarding Failed');
});

test('a store that refuses throughout: announced as failed without a record, then record-outcome\'s own error; nothing done in IAM', async () => {
  const r = await runChecked('RecordsUnavailableThroughout');
  assert.deepEqual(r.path, ['ValidateRequest', 'Start', 'OpenRecord', 'OpenRecordFailed', 'RecordOutcome', 'AnnounceNotRecorded',
    'WhyNotRecorded', 'RecordsUnavailable']);
  assert.deepEqual(r.retries, [...Array(3).fill('OpenRecord'), ...Array(3).fill('RecordOutcome')]);
  assert.deepEqual([r.error, r.cause], ['Offboarding.RecordsUnavailable', mocked('RecordOutcomeStoreRefuses', 3).Throw.Cause]);
  assert.deepEqual(r.invocations.filter((c) => ACTING.includes(LAMBDA_OF_ARN[c.input?.FunctionName])), []);
  const [{ entries: [event] }] = eventsPut(r);
  assert.equal(event.DetailType, 'Offboarding Failed');
  assert.deepEqual([event.Detail.error, event.Detail.record], [STORE_REFUSED, null]);
  assert.deepEqual(event.Resources, undefined, 'the integration adds the execution and state machine ARNs itself');
});

test('RecordIntent refusing: RemoveTokens is never invoked, and the Cause says nothing was done', async () => {
  const r = await runChecked('RecordIntentRefused');
  assert.deepEqual(r.path, [...HEAD, 'RecordIntent', 'RecordIntentFailed', ...FAILED]);
  assert.deepEqual(r.retries, Array(3).fill('RecordIntent'));
  assert.deepEqual(lambdaCalls(r, 'remove-tokens'), [], 'no round without its intent written');
  assert.deepEqual(lambdaCalls(r, 'delete-user'), []);
  assert.equal(r.error, 'Offboarding.RecordsUnavailable');
  assert.equal(r.cause, `${javaMessage('RecordIntentStoreRefuses', 3)}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.equal(calls(r, 'RecordIntent')[0].input.Payload.latest.decision.kind, 'REMOVE', 'the round it would have written');
});

test('RecordDeleteIntent refusing: DeleteUser is never invoked, and the Cause lists the round already done', async () => {
  const r = await runChecked('RecordDeleteIntentRefused');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE.slice(0, -3), 'RecordDeleteIntent', 'RecordDeleteIntentFailed', ...FAILED]);
  assert.deepEqual(lambdaCalls(r, 'delete-user'), [], 'no DeleteUser without its intent written');
  assert.equal(r.error, 'Offboarding.RecordsUnavailable');
  assert.equal(r.cause, `${javaMessage('RecordDeleteIntentStoreRefuses', 3)}${DONE_BEFORE}`
    + `[${JSON.stringify(round('RemoveTokensRemovedAll'))}]${NONE_INTERRUPTED}`);
});

test('an unfinished earlier run: what OpenRecord found reaches every list-tokens call and every later stage, and the record names it', async () => {
  const r = await runChecked('RecoveredFromUnfinishedRun');
  assert.deepEqual(r.path, DELETED);
  const found = payloadOf(testCases.RecoveredFromUnfinishedRun.OpenRecord).recovery;
  // What the store held: the user's latest record, started before this run and never finished.
  const [[key, earlier]] = Object.entries(seeded('RecoveredFromUnfinishedRun'));
  assert.ok(key < recordKey(validated('RecoveredFromUnfinishedRun').request, 'RecoveredFromUnfinishedRun', START_TIME));
  assert.equal(earlier.outcome, 'IN_PROGRESS');
  assert.equal(earlier.pending.step, 'RemoveTokens', 'it died during a removal round');
  assert.deepEqual(found, { key, executionId: earlier.executionId, mfaDevices: ['arn:aws:iam::123456789012:mfa/little_tester'] });
  assert.ok(earlier.pending.inventory.mfaDevices.some((d) => d.serialNumber === found.mfaDevices[0]), 'a device it found the user\'s');

  assert.equal(calls(r, 'OpenRecord')[0].input.Payload.recovery, null, 'OpenRecord itself looks for it');
  assert.deepEqual(calls(r, 'ListTokens').map((c) => c.input.Payload.recovery), [found]);
  assert.deepEqual(lambdaCalls(r, 'record-outcome').slice(1).map((c) => c.input.Payload.recovery),
    Array(4).fill(found), 'every later stage');
  const [device] = inventoryOf('ListTokensRecoveredDevice').mfaDevices;
  assert.deepEqual(device, { serialNumber: found.mfaDevices[0], recoveredFrom: found.executionId, virtual: true },
    'list-tokens adds the device IAM no longer lists for the user, marked as recovered');
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload.inventory.mfaDevices, [device], 'and remove-tokens is given it');
  assert.deepEqual(r.output.removed[0].items[0], { kind: 'MFA_DEVICE', id: found.mfaDevices[0], action: 'DELETED' });
  assert.deepEqual(r.output.recoveredFrom, found);
});

// ---- the announcement ----

test('the end is announced on the stack\'s bus: Offboarding Completed, Refused or Failed, with where the record is', async () => {
  for (const [testCase, detailType, outcome] of [['RecentlyActiveForced', 'Offboarding Completed', 'DELETED'],
    ['AlreadyAbsent', 'Offboarding Completed', 'ALREADY_ABSENT'], ['DryRunWouldProceed', 'Offboarding Completed', 'DRY_RUN'],
    ['Protected', 'Offboarding Refused', 'REFUSED'], ['AccessDenied', 'Offboarding Failed', 'FAILED']]) {
    const r = await runChecked(testCase);
    const [{ state, entries }] = eventsPut(r);
    assert.equal(state, 'Announce');
    const key = recordKey(validated(testCase).request, executionName(testCase), START_TIME);
    assert.deepEqual(entries, [{ Source: 'iam-offboarding', EventBusName: 'default', DetailType: detailType,
      Detail: { outcome, userName: USER, accountId: '123456789012', requestedBy: validated(testCase).request.requestedBy,
        reason: validated(testCase).request.reason, error: r.status === 'FAILED' ? r.error : null,
        cause: r.status === 'FAILED' ? r.cause : null, record: recordAt(key), execution: EXECUTION(testCase) } }], testCase);
  }
});

test('an event that cannot be put after 3 tries: Offboarding.NotAnnounced, though the user was deleted and the record written', async () => {
  const r = await runChecked('NotAnnounced');
  assert.deepEqual(r.path, [...HEAD, ...REMOVE_AND_DELETE, 'RecordOutcome', 'Announce', 'NotAnnounced']);
  assert.deepEqual(r.retries, Array(3).fill('Announce'));
  assert.deepEqual([r.error, r.cause], ['Offboarding.NotAnnounced', mocked('EventNotPut', 3).Throw.Cause]);
  assert.equal(payloadOf('RecordOutcomeNotAnnounced').record.outcome, 'DELETED', 'the final record says the user was deleted');
  assert.equal(calls(r, 'DeleteUser').length, 1);
});

// ---- another account ----

const MEMBER = { accountId: '210987654321', sessionName: 'OtherAccount' };
const ROLE_CHECK = ['InAnotherAccount', 'CheckRoleUsable', 'MemberRoleUsableYet',
  'ConfirmMemberRoleAfterPause', 'CheckRoleUsable', 'MemberRoleUsableYet', 'ConfirmMemberRoleAfterPause', 'CheckRoleUsable',
  'MemberRoleUsableYet'];

test('another account: the offboarding role there is checked until usable, then every function acts through it', async () => {
  const r = await runChecked('OtherAccount');
  assert.deepEqual(r.path, ['ValidateRequest', 'Start', 'OpenRecord', ...ROLE_CHECK, 'ListTokens', 'KeepFirstInventory', 'Decide',
    ...REMOVE_AND_DELETE, ...RECORDED]);
  assert.deepEqual(r.retries, ['CheckRoleUsable', 'CheckRoleUsable']);
  assert.deepEqual(calls(r, 'CheckRoleUsable').map((c) => [c.input.Payload.successes, c.input.Payload.attempt]),
    [[0, 0], [0, 1], [0, 2], [1, 0], [2, 0]]);
  assert.deepEqual(calls(r, 'CheckRoleUsable')[0].input.Payload.request, { role: 'offboarding', accountId: '210987654321',
    checks: ['ASSUMABLE'], sessionName: 'OtherAccount', deadlineSeconds: 280 });
  assert.deepEqual(validated('OtherAccount').memberAccount, MEMBER, 'validate-request names the account and session');
  assert.deepEqual(calls(r, 'ListTokens')[0].input.Payload,
    { ...validated('OtherAccount').request, memberAccount: MEMBER, phase: 'FIRST', execution: EXECUTION('OtherAccount'), recovery: null });
  assert.equal(payloadOf(testCases.OtherAccount.OpenRecord).recordAt.key,
    '210987654321/little_tester/20261121T090000Z_OtherAccount.json', 'the record is kept under the account the user is in');
  assert.deepEqual(calls(r, 'RemoveTokens')[0].input.Payload.memberAccount, MEMBER);
  assert.deepEqual(calls(r, 'DeleteUser').map((c) => c.input.Payload),
    [{ userName: USER, attempt: 0, lastAttempt: 50, memberAccount: MEMBER, execution: EXECUTION('OtherAccount') }]);
  assert.equal(r.output.outcome, 'DELETED');
  assert.equal(r.output.accountId, '210987654321');
});

test('another account whose offboarding role never becomes usable: MemberRoleNotUsable, no IAM call made', async () => {
  const r = await runChecked('OtherAccountRoleNotUsable');
  assert.deepEqual(r.path, [...ENTRY, 'CheckRoleUsable', 'CheckRoleUsableFailed', ...FAILED]);
  assert.equal(r.error, 'Offboarding.MemberRoleNotUsable');
  assert.equal(r.cause, `${javaMessage('CheckRoleUsableMemberRoleNeverDeployed')}${DONE_BEFORE}[]${NONE_INTERRUPTED}`);
  assert.deepEqual(r.invocations.map((c) => c.state), ['ValidateRequest', 'OpenRecord', 'CheckRoleUsable', 'RecordOutcome', 'Announce']);
});

test('accountId of the home account or absent: no role check, the home account\'s credentials', async () => {
  for (const testCase of ['ConflictsRetried', 'AlreadyAbsent', 'SweepThenDeleted']) {
    const r = await runChecked(testCase);
    assert.deepEqual(r.path.slice(0, 5), [...ENTRY, 'ListTokens']);
    assert.equal(validated(testCase).memberAccount, null);
    assert.ok(lambdaCalls(r, 'list-tokens').concat(lambdaCalls(r, 'remove-tokens'), lambdaCalls(r, 'delete-user'))
      .every((c) => c.input.Payload.memberAccount === null));
  }
});

test('every test case of the mock config has a test here', () => {
  // Each case's name appears as a string in this file (the loop cases above are listed literally).
  const source = fs.readFileSync(__filename, 'utf8');
  assert.deepEqual(Object.keys(testCases).filter((name) => !source.includes(`'${name}'`)), []);
});
