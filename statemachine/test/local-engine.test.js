'use strict';

// What lib/local-engine.js adds to aws-local-stepfunctions: type tests with false in Choice rules, which Step
// Functions reads as their negation ({"IsNull": false} matches a value that is not null), and a start time the test
// chooses ($$.Execution.StartTime).

const test = require('node:test');
const assert = require('node:assert/strict');
const raw = require('aws-local-stepfunctions');
const engine = raw;
const { StateMachine, forEngine } = require('../lib/local-engine');

function choose(rule) {
  return {
    StartAt: 'Choose',
    States: {
      Choose: { Type: 'Choice', Choices: [{ ...rule, Next: 'Matched' }], Default: 'NotMatched' },
      Matched: { Type: 'Pass', Result: 'matched', End: true },
      NotMatched: { Type: 'Pass', Result: 'not matched', End: true },
    },
  };
}

async function outcome(Machine, rule, input) {
  return new Machine(choose(rule)).run(input).result;
}

test('a type test with false matches what the test with true does not, as in Step Functions', async () => {
  const cases = [
    [{ Variable: '$.a', IsNull: false }, { a: { accountId: '210987654321' } }, 'matched'],
    [{ Variable: '$.a', IsNull: false }, { a: null }, 'not matched'],
    [{ Variable: '$.a', IsPresent: false }, {}, 'matched'],
    [{ Variable: '$.a', IsPresent: false }, { a: 1 }, 'not matched'],
    [{ Variable: '$.a', IsString: false }, { a: 1 }, 'matched'],
    [{ Variable: '$.a', IsBoolean: false }, { a: true }, 'not matched'],
    [{ And: [{ Variable: '$.a', IsNull: false }, { Not: { Variable: '$.b', IsNumeric: false } }] }, { a: 'x', b: 2 }, 'matched'],
    [{ Or: [{ Variable: '$.a', IsNull: false }, { Variable: '$.b', IsNull: true }] }, { a: null, b: 1 }, 'not matched'],
  ];
  for (const [rule, input, expected] of cases) {
    assert.equal(await outcome(StateMachine, rule, input), expected, `${JSON.stringify(rule)} on ${JSON.stringify(input)}`);
  }
});

test('the engine alone never matches a type test with false (why lib/local-engine.js rewrites it)', async () => {
  assert.equal(await outcome(raw.StateMachine, { Variable: '$.a', IsNull: false }, { a: { x: 1 } }), 'not matched');
  assert.equal(await outcome(raw.StateMachine, { Variable: '$.a', IsPresent: false }, {}), 'not matched');
});

test('the rewrite leaves everything else alone', () => {
  const def = choose({ Variable: '$.a', BooleanEquals: false });
  assert.deepEqual(forEngine(def), def);
  assert.deepEqual(forEngine(choose({ Variable: '$.a', IsNull: false })).States.Choose.Choices,
    [{ Next: 'Matched', Not: { Variable: '$.a', IsNull: true } }]);
});

const START_TIME = {
  StartAt: 'Started',
  States: { Started: { Type: 'Pass', Parameters: { 'startedAt.$': '$$.Execution.StartTime' }, End: true } },
};

test('an execution given a StartTime in its context starts then: $$.Execution.StartTime is it, and the clock is left alone', async () => {
  const clock = globalThis.Date;
  const before = Date.now();
  const { startedAt } = await new StateMachine(START_TIME)
    .run({}, { context: { Execution: { StartTime: '2026-11-21T09:00:00.000Z' } } }).result;

  assert.equal(startedAt, '2026-11-21T09:00:00.000Z');
  assert.equal(globalThis.Date, clock, 'the clock is the one it was');
  assert.ok(new Date().getTime() >= before, 'and it reads the real time again');
});

test('without a StartTime the execution starts at the clock\'s reading, as in the engine alone', async () => {
  const before = Date.now();
  const { startedAt } = await new StateMachine(START_TIME).run({}).result;
  const after = Date.now();

  assert.ok(Date.parse(startedAt) >= before && Date.parse(startedAt) <= after, startedAt);
  const raw = await new engine.StateMachine(START_TIME)
    .run({}, { context: { Execution: { StartTime: '2026-11-21T09:00:00.000Z' } } }).result;
  assert.notEqual(raw.startedAt, '2026-11-21T09:00:00.000Z', 'the engine alone stamps its own clock (why lib/local-engine.js sets it)');
});

test('a StartTime that is not an ISO instant to the millisecond is refused', () => {
  assert.throws(() => new StateMachine(START_TIME).run({}, { context: { Execution: { StartTime: '2026-11-21T09:00:00Z' } } }),
    /ISO instant to the millisecond/);
});
