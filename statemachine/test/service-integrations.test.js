'use strict';

// The service integrations a local run answers itself (lib/service-integrations.js), as Step Functions documents
// them: states:startExecution.sync:2 (a child execution of a registered state machine, StartExecution's name rules
// across runs), the callback pattern (.waitForTaskToken with $$.Task.Token, SendTaskSuccess / SendTaskFailure,
// TimeoutSeconds), and run-execution.js's flags for them.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { localRun, temporaryDirectory, writeJson, readJson } = require('./support/local-run');
const { decisionFile } = require('../lib/service-integrations');
const virtualTime = require('../lib/virtual-time');

const OFFBOARD_USER_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser';

/** A child state machine: its Task answers with the user and its own execution name, or fails as the input says. */
const OFFBOARD_USER = {
  StartAt: 'Protected',
  States: {
    Protected: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.protected', IsPresent: true },
      { Variable: '$.protected', BooleanEquals: true }], Next: 'Refuse' }], Default: 'Offboard' },
    Offboard: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
    Refuse: { Type: 'Fail', Error: 'Offboarding.UserProtected', Cause: 'alice is protected' },
  },
};

const START_CHILD = {
  StartAt: 'StartChild',
  States: {
    StartChild: {
      Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: OFFBOARD_USER_ARN, 'Name.$': '$.execution', 'Input.$': '$.request' },
      Catch: [
        { ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: '$.alreadyStarted', Next: 'AlreadyStarted' },
        { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.childFailed', Next: 'ChildFailed' },
      ],
      End: true,
    },
    AlreadyStarted: { Type: 'Pass', End: true },
    ChildFailed: { Type: 'Pass', End: true },
  },
};

function offboarding(extra = {}) {
  let calls = 0;
  const handlers = { Offboard: async (input, context) => {
    calls++;
    return { record: { userName: input.userName, execution: context.Execution.Name } };
  } };
  return { calls: () => calls, ...localRun({ handlers, stateMachines: { OffboardUser: OFFBOARD_USER }, ...extra }) };
}

test('startExecution.sync:2 runs the named state machine as a child execution and returns DescribeExecution\'s answer with Input and Output as JSON', async () => {
  const { run, lines } = offboarding();

  const result = await run(START_CHILD, { execution: 'fo-1-alice', request: { userName: 'alice' } });

  assert.equal(result.status, 'SUCCEEDED');
  const described = result.output;
  assert.equal(described.Status, 'SUCCEEDED');
  assert.equal(described.Name, 'fo-1-alice');
  assert.equal(described.ExecutionArn, 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:fo-1-alice');
  assert.equal(described.StateMachineArn, OFFBOARD_USER_ARN);
  assert.deepEqual(described.Input, { userName: 'alice' });
  assert.deepEqual(described.Output, { record: { userName: 'alice', execution: 'fo-1-alice' } },
    'the child ran with its own $$.Execution.Name');
  assert.ok(Number.isInteger(described.StartDate) && described.StopDate >= described.StartDate);
  assert.deepEqual(lines.filter((l) => l.execution === 'fo-1-alice').map((l) => [l.type, l.state ?? l.status]), [
    ['ChildExecutionStarted', undefined], ['StateEntered', 'Protected'], ['StateEntered', 'Offboard'],
    ['ChildExecutionEnded', 'SUCCEEDED']]);
  assert.equal(lines.find((l) => l.type === 'ChildExecutionStarted').stateMachine, 'OffboardUser');
});

test('a child that fails fails the Task with States.TaskFailed, its Cause the DescribeExecution JSON with the child\'s Error and Cause', async () => {
  const { run, lines } = offboarding();

  const result = await run(START_CHILD, { execution: 'fo-1-alice', request: { userName: 'alice', protected: true } });

  assert.equal(result.output.childFailed.Error, 'States.TaskFailed');
  const cause = JSON.parse(result.output.childFailed.Cause);
  assert.equal(cause.Status, 'FAILED');
  assert.equal(cause.Name, 'fo-1-alice');
  assert.equal(cause.ExecutionArn, 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:fo-1-alice');
  assert.equal(cause.Error, 'Offboarding.UserProtected');
  assert.equal(cause.Cause, 'alice is protected');
  assert.equal(cause.Output, undefined);
  assert.deepEqual(lines.filter((l) => l.type === 'ChildExecutionEnded').map((l) => [l.status, l.error]),
    [['FAILED', 'Offboarding.UserProtected']]);
});

test('StartExecution refuses a name the state machine has used in an earlier run (names are unique for 90 days): StepFunctions.ExecutionAlreadyExistsException, the child not run again', async () => {
  const registryFile = path.join(temporaryDirectory(), 'executions.json');
  const first = offboarding({ registryFile });
  const second = offboarding({ registryFile });
  const input = { execution: 'fo-1-alice', request: { userName: 'alice' } };

  const started = await first.run(START_CHILD, input);
  const again = await second.run(START_CHILD, input, { name: 'fleet-2' });

  assert.equal(started.output.Status, 'SUCCEEDED');
  assert.equal(again.output.alreadyStarted.Error, 'StepFunctions.ExecutionAlreadyExistsException');
  assert.match(again.output.alreadyStarted.Cause, /^Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:OffboardUser:fo-1-alice' \(Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists;/);
  assert.equal(second.calls(), 0);
  assert.deepEqual(readJson(registryFile)[OFFBOARD_USER_ARN]['fo-1-alice'].status, 'SUCCEEDED');
  assert.deepEqual(readJson(registryFile)[OFFBOARD_USER_ARN]['fo-1-alice'].input, { userName: 'alice' });
  const closedThenFailed = await first.run(START_CHILD, { execution: 'fo-1-alice', request: { userName: 'other' } });
  assert.equal(closedThenFailed.output.alreadyStarted.Error, 'StepFunctions.ExecutionAlreadyExistsException',
    'a closed execution refuses its name whatever the input');
});

function twice(firstInput, secondInput) {
  const branch = (input, n) => ({ StartAt: `Start${n}`, States: { [`Start${n}`]: { Type: 'Pass', Result: input, Next: `Child${n}` },
    [`Child${n}`]: { ...START_CHILD.States.StartChild, Parameters: { StateMachineArn: OFFBOARD_USER_ARN,
      Name: 'fo-1-alice', 'Input.$': '$' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: `Caught${n}` }] },
    [`Caught${n}`]: { Type: 'Pass', End: true } } });
  return { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: [branch(firstInput, 1), branch(secondInput, 2)], End: true } } };
}

test('StartExecution with the name of an execution still running with the same input starts nothing and answers that execution; with another input it is refused', async () => {
  const same = offboarding();
  const other = offboarding();

  const joined = await same.run(twice({ userName: 'alice' }, { userName: 'alice' }));
  const refused = await other.run(twice({ userName: 'alice' }, { userName: 'bob' }));

  assert.equal(same.calls(), 1);
  assert.deepEqual(joined.output[0], joined.output[1]);
  assert.equal(joined.output[0].Status, 'SUCCEEDED');
  assert.equal(other.calls(), 1);
  assert.deepEqual(refused.output.map((o) => o.Status ?? o.Error).sort(),
    ['SUCCEEDED', 'StepFunctions.ExecutionAlreadyExistsException']);
});

test('names are unique per state machine: another state machine may use the same name', async () => {
  const { run } = localRun({ handlers: { Offboard: () => ({}) },
    stateMachines: { OffboardUser: OFFBOARD_USER, ReinstateUser: OFFBOARD_USER } });
  const definition = { StartAt: 'A', States: {
    A: { ...START_CHILD.States.StartChild, Catch: undefined, Next: 'B', End: undefined, ResultPath: '$.a' },
    B: { ...START_CHILD.States.StartChild, Catch: undefined, Parameters: { ...START_CHILD.States.StartChild.Parameters,
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ReinstateUser' }, ResultPath: '$.b' } } };
  for (const state of Object.values(definition.States)) {
    for (const field of Object.keys(state).filter((f) => state[f] === undefined)) {
      delete state[field];
    }
  }

  const result = await run(definition, { execution: 'same-name', request: {} });

  assert.equal(result.status, 'SUCCEEDED');
  assert.equal(result.output.b.StateMachineArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:ReinstateUser');
});

test('a state machine that is not registered: StepFunctions.StateMachineDoesNotExistException (which States.TaskFailed matches, as any error of a Task but States.Timeout)', async () => {
  const { run } = localRun();

  const result = await run(START_CHILD, { execution: 'x', request: {} });

  assert.equal(result.output.childFailed.Error, 'StepFunctions.StateMachineDoesNotExistException');
  assert.match(result.output.childFailed.Cause, /^State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:OffboardUser'/);
});

const AWAIT_APPROVAL = {
  StartAt: 'AwaitApproval',
  States: {
    AwaitApproval: {
      Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:approvals', 'Message.$': '$.plan',
        MessageAttributes: { TaskToken: { DataType: 'String', 'StringValue.$': '$$.Task.Token' } } },
      TimeoutSecondsPath: '$.approvalTimeoutSeconds',
      ResultPath: '$.approval',
      Catch: [
        { ErrorEquals: ['Offboarding.Rejected'], ResultPath: '$.rejected', Next: 'Rejected' },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Rejected' },
      ],
      End: true,
    },
    Rejected: { Type: 'Pass', End: true },
  },
};

/** A run whose caller answers each issued task token with `decision` (as SendTaskSuccess / SendTaskFailure would). */
function answering(decision) {
  const callbacks = temporaryDirectory();
  const issued = [];
  const local = localRun({ callbacks, onLine: (line) => {
    if (line.type === 'TaskTokenIssued') {
      issued.push(line);
      if (decision) {
        setTimeout(() => writeJson(decisionFile(callbacks, line.token), decision), 30);
      }
    }
  } });
  return { ...local, issued, callbacks };
}

test('.waitForTaskToken: the Task\'s Parameters get $$.Task.Token, the token is printed, and SendTaskSuccess\'s output (a decision file) is the Task\'s result', async () => {
  const { run, issued } = answering({ output: { decision: 'APPROVED', by: 'arn:aws:iam::123456789012:user/boss' } });

  const result = await run(AWAIT_APPROVAL, { plan: 'offboard 2 users', approvalTimeoutSeconds: 60 });

  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output.approval, { decision: 'APPROVED', by: 'arn:aws:iam::123456789012:user/boss' });
  assert.equal(issued.length, 1);
  const [line] = issued;
  assert.equal(line.state, 'AwaitApproval');
  assert.equal(line.message, 'offboard 2 users');
  assert.equal(line.parameters.MessageAttributes.TaskToken.StringValue, line.token);
  assert.ok(line.token.length >= 32);
});

test('SendTaskFailure (a decision with error and cause) fails the Task with that Error and Cause', async () => {
  const { run } = answering({ error: 'Offboarding.Rejected', cause: 'not now' });

  const result = await run(AWAIT_APPROVAL, { plan: 'p', approvalTimeoutSeconds: 60 });

  assert.deepEqual(result.output.rejected, { Error: 'Offboarding.Rejected', Cause: 'not now' });
});

test('no decision within TimeoutSecondsPath\'s seconds: the Task fails with States.Timeout', async () => {
  const { run } = answering(null);
  const began = Date.now();

  const result = await run(AWAIT_APPROVAL, { plan: 'p', approvalTimeoutSeconds: 1 });

  assert.equal(result.output.timedOut.Error, 'States.Timeout');
  assert.ok(Date.now() - began >= 1000);
});

test('in virtual time, a decision sent before the timeout is taken then, and one sent after it comes too late: States.Timeout at the timeout', async (t) => {
  const clock = virtualTime.install({ start: Date.parse('2026-11-20T12:00:00Z'), seed: 1 });
  t.after(clock.uninstall);
  const decidedAfter = async (seconds) => {
    const callbacks = temporaryDirectory();
    const local = localRun({ callbacks, clock, onLine: (line) => {
      if (line.type === 'TaskTokenIssued') {
        writeJson(decisionFile(callbacks, line.token), { output: { decision: 'APPROVED' },
          sentAt: new Date(Date.parse(line.at) + seconds * 1000).toISOString() });
      }
    } });
    const began = clock.now();
    const result = await local.run(AWAIT_APPROVAL, { plan: 'p', approvalTimeoutSeconds: 60 });
    // Whatever else is due fires now: a late decision leaves nothing behind to move the clock on.
    await new Promise((resolve) => { setImmediate(resolve); });
    await new Promise((resolve) => { setImmediate(resolve); });
    return { result, waited: (clock.now() - began) / 1000 };
  };

  const inTime = await decidedAfter(59);
  const late = await decidedAfter(90);

  assert.deepEqual(inTime.result.output.approval, { decision: 'APPROVED' });
  assert.equal(inTime.waited, 59);
  assert.equal(late.result.output.timedOut.Error, 'States.Timeout');
  assert.equal(late.waited, 60);
});

test('every issued token is new, and a decision answers its own token only', async () => {
  const { run, issued } = answering({ output: 'ok' });
  const twoApprovals = { StartAt: 'First', States: {
    First: { ...AWAIT_APPROVAL.States.AwaitApproval, ResultPath: '$.first', Catch: undefined, End: undefined, Next: 'Second' },
    Second: { ...AWAIT_APPROVAL.States.AwaitApproval, ResultPath: '$.second', Catch: undefined } } };
  delete twoApprovals.States.First.Catch;
  delete twoApprovals.States.First.End;
  delete twoApprovals.States.Second.Catch;

  const result = await run(twoApprovals, { plan: 'p', approvalTimeoutSeconds: 60 });

  assert.equal(result.status, 'SUCCEEDED');
  assert.equal(issued.length, 2);
  assert.notEqual(issued[0].token, issued[1].token);
});

test('sns:publish without a token is printed (there is no topic here) and answered with a MessageId', async () => {
  const { run, lines } = localRun();

  const result = await run({ StartAt: 'Notify', States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish',
    Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'hello' }, End: true } } });

  assert.match(result.output.MessageId, /\S/);
  assert.deepEqual(lines.filter((l) => l.type === 'SnsPublished').map((l) => l.parameters.Message), ['hello']);
});

test('run-execution.js: --state-machine, --bucket-directory and --executions-registry reach the children; a second run refuses the names of the first; the top execution\'s lines are as before', () => {
  const dir = temporaryDirectory();
  const bucket = path.join(dir, 'records');
  writeJson(path.join(bucket, 'offboard/111111111111.json'), [
    { execution: 'fo-abc-alice', request: { userName: 'alice' } }, { execution: 'fo-abc-bob', request: { userName: 'bob' } }]);
  const child = path.join(dir, 'child.asl.json');
  writeJson(child, { StartAt: 'Done', States: { Done: { Type: 'Pass', Parameters: { 'user.$': '$.userName', env: '${Env}' }, End: true } } });
  const fleet = path.join(dir, 'fleet.asl.json');
  writeJson(fleet, { StartAt: 'RunChildren', States: { RunChildren: {
    Type: 'Map', Label: 'RunAccountChildren',
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'StartChild', States: {
      StartChild: { ...START_CHILD.States.StartChild, Parameters: { StateMachineArn: '${OffboardUserStateMachineArn}',
        'Name.$': '$.execution', 'Input.$': '$.request' } },
      AlreadyStarted: { Type: 'Pass', End: true }, ChildFailed: { Type: 'Pass', End: true } } },
    ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' },
      Parameters: { Bucket: 'local-records', Key: 'offboard/111111111111.json' } },
    ToleratedFailurePercentage: 100,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'local-records', Prefix: 'results' } },
    End: true } } });
  const registry = path.join(dir, 'executions.json');
  const execute = (name) => spawnSync(process.execPath, [path.join(__dirname, '../lib/run-execution.js'),
    '--definition', fleet, '--name', name, '--state-machine-name', 'OffboardFleet', '--no-waits',
    '--substitutions', JSON.stringify({ OffboardUserStateMachineArn: OFFBOARD_USER_ARN, Env: 'local' }),
    '--state-machine', `OffboardUser=${child}`, '--bucket-directory', `local-records=${bucket}`,
    '--executions-registry', registry, '--callbacks', dir],
  { input: '{}', encoding: 'utf8', env: { ...process.env, AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9' } });
  const results = (name) => {
    const ran = execute(name);
    assert.equal(ran.status, 0, ran.stderr);
    const lines = ran.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const end = lines.at(-1);
    assert.equal(end.type, 'ExecutionSucceeded', ran.stdout);
    assert.deepEqual(lines.filter((l) => l.execution === undefined).map((l) => l.type), ['StateEntered', 'ExecutionSucceeded']);
    const manifest = readJson(path.join(bucket, end.output.ResultWriterDetails.Key));
    return { lines, outputs: readJson(path.join(bucket, manifest.ResultFiles.SUCCEEDED[0].Key)).map((e) => JSON.parse(e.Output)) };
  };

  const first = results('fleet-1');
  const second = results('fleet-2');

  assert.deepEqual(first.outputs.map((o) => o.Output).sort((a, b) => a.user.localeCompare(b.user)),
    [{ user: 'alice', env: 'local' }, { user: 'bob', env: 'local' }]);
  assert.deepEqual(second.outputs.map((o) => o.alreadyStarted.Error),
    ['StepFunctions.ExecutionAlreadyExistsException', 'StepFunctions.ExecutionAlreadyExistsException']);
  assert.deepEqual(first.lines.filter((l) => l.type === 'ChildExecutionEnded' && l.stateMachine === 'OffboardUser')
    .map((l) => l.execution).sort(), ['fo-abc-alice', 'fo-abc-bob']);
  assert.ok(fs.existsSync(registry));
});
