'use strict';

// events:putEvents in a local run (lib/run-execution.js, putEventsLocally): there is no bus, so each entry is
// reported, as EventBridge would be given it, for the caller to deliver, and the Task gets PutEvents' answer. As in
// Step Functions' optimized integration, the execution and state machine ARNs are appended to each entry's Resources,
// an entry PutEvents would refuse fails the Task with EventBridge.FailedEntry, and a request PutEvents refuses whole
// fails it with EventBridge.AmazonEventBridgeException.

const test = require('node:test');
const assert = require('node:assert/strict');
const { putEventsLocally, lambdaInvokeHandlers } = require('../lib/run-execution');
const { contextObject } = require('../lib/mock-config');
const { StateMachine } = require('../lib/local-engine');

const CONTEXT = contextObject('hr-1234', 'OffboardUser', []);
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:hr-1234';
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser';
const ENTRY = { Source: 'iam-offboarding', EventBusName: 'default', DetailType: 'Offboarding Completed',
  Detail: { outcome: 'DELETED', userName: 'little_tester' } };

function reported() {
  const lines = [];
  return { lines, report: (line) => lines.push(line) };
}

test('an entry is reported as put, its Detail as JSON text and the execution and state machine in its Resources', () => {
  const { lines, report } = reported();

  const answer = putEventsLocally({ Entries: [ENTRY] }, CONTEXT, report);

  assert.equal(lines.length, 1);
  assert.equal(lines[0].type, 'EventsPut');
  assert.deepEqual(lines[0].entries, [{ Source: 'iam-offboarding', EventBusName: 'default', DetailType: 'Offboarding Completed',
    Detail: '{"outcome":"DELETED","userName":"little_tester"}', Resources: [EXECUTION, STATE_MACHINE] }]);
  assert.ok(!Number.isNaN(Date.parse(lines[0].at)));
  assert.equal(answer.FailedEntryCount, 0);
  assert.equal(answer.Entries.length, 1);
  assert.match(answer.Entries[0].EventId, /\S/);
});

test('Resources the Task names come first, then the execution\'s; a Detail already text is kept as it is', () => {
  const { lines, report } = reported();

  putEventsLocally({ Entries: [{ ...ENTRY, Detail: '{"a":1}', Resources: ['arn:aws:iam::123456789012:user/little_tester'] },
    { ...ENTRY, DetailType: 'Offboarding Failed' }] }, CONTEXT, report);

  assert.deepEqual(lines[0].entries.map((e) => [e.DetailType, e.Detail, e.Resources]), [
    ['Offboarding Completed', '{"a":1}', ['arn:aws:iam::123456789012:user/little_tester', EXECUTION, STATE_MACHINE]],
    ['Offboarding Failed', '{"outcome":"DELETED","userName":"little_tester"}', [EXECUTION, STATE_MACHINE]]]);
});

test('an entry without Source, DetailType or Detail fails the Task as EventBridge.FailedEntry, and nothing is reported', () => {
  for (const field of ['Source', 'DetailType', 'Detail']) {
    const { lines, report } = reported();
    const { [field]: _, ...lacking } = ENTRY;

    assert.throws(() => putEventsLocally({ Entries: [ENTRY, lacking] }, CONTEXT, report),
      (e) => e.name === 'EventBridge.FailedEntry' && /1 of 2 entries/.test(e.message), field);
    assert.deepEqual(lines, []);
  }
});

test('no entry, or more than PutEvents takes (10), fails the Task as EventBridge.AmazonEventBridgeException', () => {
  for (const entries of [[], Array(11).fill(ENTRY), undefined]) {
    const { lines, report } = reported();

    assert.throws(() => putEventsLocally({ Entries: entries }, CONTEXT, report),
      (e) => e.name === 'EventBridge.AmazonEventBridgeException' && /1 to 10 Entries/.test(e.message));
    assert.deepEqual(lines, []);
  }
  assert.doesNotThrow(() => putEventsLocally({ Entries: Array(10).fill(ENTRY) }, CONTEXT, () => {}));
});

test('in a run, an events:putEvents Task is answered locally, never by Lambda, and its Retry and Catch apply', async () => {
  const definition = {
    StartAt: 'Announce',
    States: {
      Announce: {
        Type: 'Task', Resource: 'arn:aws:states:::events:putEvents',
        Parameters: { Entries: [{ Source: 'iam-offboarding', 'DetailType.$': '$.detailType', 'Detail.$': '$.detail' }] },
        ResultPath: '$.put',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notAnnounced', Next: 'NotAnnounced' }],
        End: true,
      },
      NotAnnounced: { Type: 'Pass', End: true },
    },
  };
  const { lines, report } = reported();
  const noLambda = { send: () => assert.fail('putEvents called Lambda') };
  const handlers = lambdaInvokeHandlers(definition, noLambda, [], report, null, CONTEXT);
  const run = (input) => new StateMachine(definition).run(input, { overrides: { taskResourceLocalHandlers: handlers } }).result;

  const put = await run({ detailType: 'Offboarding Refused', detail: { outcome: 'REFUSED' } });
  const refused = await run({ detailType: null, detail: { outcome: 'FAILED' } });

  assert.equal(put.put.FailedEntryCount, 0);
  assert.deepEqual(lines.map((l) => l.entries[0].DetailType), ['Offboarding Refused']);
  assert.equal(refused.notAnnounced.Error, 'EventBridge.FailedEntry');
});
