'use strict';

// The Distributed Map state on the local engine (lib/distributed-map.js), as Step Functions documents it: items from
// ItemsPath or an ItemReader (a JSON array in S3), each item a child workflow execution with its own context,
// ItemSelector with $$.Map.Item, MaxConcurrency, the tolerated failure threshold, and the ResultWriter's files.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { localRun, temporaryDirectory, writeJson, readJson, sleep } = require('./support/local-run');

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function distributedMap(fields, processorStates = { Work: { Type: 'Task', Resource: LAMBDA, End: true } }) {
  const startAt = Object.keys(processorStates)[0];
  return {
    Type: 'Map',
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: startAt, States: processorStates },
    End: true,
    ...fields,
  };
}

function machine(mapFields, processorStates, extraStates = {}) {
  const map = distributedMap(mapFields, processorStates);
  for (const field of Object.keys(map).filter((f) => map[f] === undefined)) {
    delete map[field];
  }
  return { StartAt: 'RunChildren', States: { RunChildren: map, ...extraStates } };
}

test('items from a JSON array in S3 (ItemReader s3:getObject, InputType JSON, Bucket.$/Key.$): each item runs as a child execution of its own, and the result is the array of their outputs in item order', async () => {
  const bucket = temporaryDirectory();
  writeJson(path.join(bucket, 'fleet/plan/111111111111.json'), [{ userName: 'alice' }, { userName: 'bob' }, { userName: 'carol' }]);
  const seen = [];
  const { run } = localRun({
    buckets: { 'local-records': bucket },
    handlers: {
      Work: (input, context) => {
        seen.push({ execution: context.Execution, stateMachine: context.StateMachine });
        return { user: input.userName };
      },
    },
  });

  const result = await run(machine({
    Label: 'Plan',
    ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.items.Bucket', 'Key.$': '$.items.Key' } },
  }), { items: { Bucket: 'local-records', Key: 'fleet/plan/111111111111.json' } });

  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, [{ user: 'alice' }, { user: 'bob' }, { user: 'carol' }]);
  const names = seen.map((s) => s.execution.Name);
  assert.equal(new Set(names).size, 3, 'each child its own execution name');
  for (const { execution, stateMachine } of seen) {
    assert.match(execution.Name, UUID);
    assert.equal(stateMachine.Name, 'OffboardFleet/Plan');
    assert.equal(execution.Id, `arn:aws:states:us-east-1:123456789012:execution:OffboardFleet/Plan:${execution.Name}`);
  }
});

test('ItemSelector is evaluated for each item with $$.Map.Item.Value, $$.Map.Item.Index and the Map state\'s input; ItemsPath selects the items', async () => {
  const inputs = [];
  const { run } = localRun({ handlers: { Work: (input) => {
    inputs.push(input);
    return input.index;
  } } });

  const result = await run(machine({
    ItemsPath: '$.phase.accounts',
    ItemSelector: { 'account.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'maxConcurrency.$': '$.perAccount' },
  }), { perAccount: 5, phase: { accounts: ['111111111111', '222222222222'] } });

  assert.deepEqual(result.output, [0, 1]);
  assert.deepEqual(inputs.sort((a, b) => a.index - b.index), [
    { account: '111111111111', index: 0, maxConcurrency: 5 }, { account: '222222222222', index: 1, maxConcurrency: 5 }]);
});

async function mostAtOnce(mapFields, input, items = 10) {
  let running = 0;
  let most = 0;
  const { run } = localRun({ handlers: { Work: async () => {
    running++;
    most = Math.max(most, running);
    await sleep(15);
    running--;
    return null;
  } } });
  const result = await run(machine({ ItemsPath: '$.items', ...mapFields }), { items: Array(items).fill(0), ...input });
  assert.equal(result.status, 'SUCCEEDED');
  return most;
}

test('at most MaxConcurrency child executions run at once; MaxConcurrencyPath reads the limit from the input; 0 means no limit', async () => {
  assert.equal(await mostAtOnce({ MaxConcurrency: 3 }), 3);
  assert.equal(await mostAtOnce({ MaxConcurrencyPath: '$.maxConcurrency' }, { maxConcurrency: 2 }), 2);
  assert.equal(await mostAtOnce({ MaxConcurrency: 1 }, {}, 4), 1);
  assert.equal(await mostAtOnce({ MaxConcurrency: 0 }), 10);
});

function failingOn(failures) {
  return { Work: (input) => {
    if (failures.includes(input)) {
      throw Object.assign(new Error(`item ${input} failed`), { name: 'Offboarding.UserProtected' });
    }
    return input;
  } };
}

const CAUGHT = { Caught: { Type: 'Pass', End: true } };

test('without a tolerated failure threshold one failed child fails the Map Run with States.ExceedToleratedFailureThreshold', async () => {
  const { run } = localRun({ handlers: failingOn([3]) });

  const result = await run(machine({ ItemsPath: '$.items' }), { items: [1, 2, 3, 4] });

  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'States.ExceedToleratedFailureThreshold');
});

test('failed children up to ToleratedFailurePercentage of all items leave the Map succeeded; more than it fails the Map with States.ExceedToleratedFailureThreshold, which a Catch catches', async () => {
  const { run } = localRun({ handlers: failingOn([2, 4]) });
  const items = { items: [1, 2, 3, 4] };

  const half = await run(machine({ ItemsPath: '$.items', ToleratedFailurePercentage: 50 }), items);
  const lessThanHalf = await run(machine({ ItemsPath: '$.items', ToleratedFailurePercentage: 49,
    Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], ResultPath: '$.error', Next: 'Caught' }],
    End: undefined, Next: 'Caught' }, undefined, CAUGHT), items);
  const all = await run(machine({ ItemsPath: '$.items', ToleratedFailurePercentage: 100 }), { items: [2, 4] });

  assert.equal(half.status, 'SUCCEEDED');
  assert.deepEqual(half.output.map((o) => o.Error ?? o), [1, 'Offboarding.UserProtected', 3, 'Offboarding.UserProtected']);
  assert.equal(lessThanHalf.status, 'SUCCEEDED');
  assert.equal(lessThanHalf.output.error.Error, 'States.ExceedToleratedFailureThreshold');
  assert.equal(all.status, 'SUCCEEDED', '100 %: the Map does not fail even when every child fails');
});

test('ToleratedFailureCount: the Map fails when more children than that fail; with both values, exceeding either fails it', async () => {
  const { run } = localRun({ handlers: failingOn([1, 2]) });
  const items = { items: [1, 2, 3, 4] };

  assert.equal((await run(machine({ ItemsPath: '$.items', ToleratedFailureCount: 2 }), items)).status, 'SUCCEEDED');
  assert.equal((await run(machine({ ItemsPath: '$.items', ToleratedFailureCount: 1 }), items)).error,
    'States.ExceedToleratedFailureThreshold');
  assert.equal((await run(machine({ ItemsPath: '$.items', ToleratedFailureCount: 5, ToleratedFailurePercentage: 25 }),
    items)).error, 'States.ExceedToleratedFailureThreshold');
});

test('a Catch of States.TaskFailed does not catch a Map state\'s error (it names failed Task states only)', async () => {
  const { run } = localRun({ handlers: failingOn([1]) });

  const result = await run(machine({ ItemsPath: '$.items',
    Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: undefined, Next: 'Caught' }, undefined, CAUGHT),
  { items: [1] });

  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'States.ExceedToleratedFailureThreshold');
});

test('ResultWriter (s3:putObject, Bucket.$/Prefix.$) writes <Prefix>/<MapRunId>/SUCCEEDED_0.json, FAILED_0.json and manifest.json as Step Functions does, and the state\'s result is {MapRunArn, ResultWriterDetails}', async () => {
  const bucket = temporaryDirectory();
  const { run } = localRun({ buckets: { 'local-records': bucket }, handlers: failingOn(['bob']) });

  const result = await run(machine({
    ItemsPath: '$.users', Label: 'RunAccountChildren', ToleratedFailurePercentage: 100,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { 'Bucket.$': '$.bucket', 'Prefix.$': '$.resultsPrefix' } },
    ResultPath: '$.written',
  }), { users: ['alice', 'bob'], bucket: 'local-records', resultsPrefix: 'records/fleet/r/e/plan/results/111111111111' });

  assert.equal(result.status, 'SUCCEEDED');
  const { MapRunArn, ResultWriterDetails } = result.output.written;
  const m = /^arn:aws:states:us-east-1:123456789012:mapRun:OffboardFleet\/RunAccountChildren:([0-9a-f-]{36})$/.exec(MapRunArn);
  assert.ok(m, MapRunArn);
  const base = `records/fleet/r/e/plan/results/111111111111/${m[1]}`;
  assert.deepEqual(ResultWriterDetails, { Bucket: 'local-records', Key: `${base}/manifest.json` });
  const manifest = readJson(path.join(bucket, base, 'manifest.json'));
  const size = (key) => fs.statSync(path.join(bucket, key)).size;
  assert.deepEqual(manifest, { DestinationBucket: 'local-records', MapRunArn, ResultFiles: {
    FAILED: [{ Key: `${base}/FAILED_0.json`, Size: size(`${base}/FAILED_0.json`) }],
    PENDING: [],
    SUCCEEDED: [{ Key: `${base}/SUCCEEDED_0.json`, Size: size(`${base}/SUCCEEDED_0.json`) }] } });
  const [succeeded] = readJson(path.join(bucket, base, 'SUCCEEDED_0.json'));
  assert.deepEqual(Object.keys(succeeded), ['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails',
    'RedriveCount', 'RedriveStatus', 'RedriveStatusReason', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
  assert.equal(succeeded.Input, '"alice"');
  assert.equal(succeeded.Output, '"alice"');
  assert.equal(succeeded.Status, 'SUCCEEDED');
  assert.equal(succeeded.ExecutionArn,
    `arn:aws:states:us-east-1:123456789012:execution:OffboardFleet/RunAccountChildren:${succeeded.Name}`);
  assert.equal(succeeded.StateMachineArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:OffboardFleet/RunAccountChildren');
  assert.ok(!Number.isNaN(Date.parse(succeeded.StartDate)) && !Number.isNaN(Date.parse(succeeded.StopDate)));
  const [failed] = readJson(path.join(bucket, base, 'FAILED_0.json'));
  assert.equal(failed.Status, 'FAILED');
  assert.equal(failed.Error, 'Offboarding.UserProtected');
  assert.equal(failed.Cause, 'item bob failed');
  assert.equal(failed.Output, undefined);
});

test('without failures no FAILED file is written and the manifest lists none', async () => {
  const bucket = temporaryDirectory();
  const { run } = localRun({ buckets: { b: bucket }, handlers: failingOn([]) });

  const result = await run(machine({ ItemsPath: '$.items',
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' } } }), { items: [1] });

  const manifest = readJson(path.join(bucket, result.output.ResultWriterDetails.Key));
  assert.deepEqual(manifest.ResultFiles.FAILED, []);
  assert.equal(manifest.ResultFiles.SUCCEEDED.length, 1);
  assert.match(result.output.ResultWriterDetails.Key, /^out\/[0-9a-f-]{36}\/manifest\.json$/);
});

test('nested Distributed Maps: a Map over accounts whose item processor is a Distributed Map over that account\'s items file, each account with its own results prefix', async () => {
  const bucket = temporaryDirectory();
  writeJson(path.join(bucket, 'plan/111111111111.json'), [{ userName: 'alice' }, { userName: 'bob' }]);
  writeJson(path.join(bucket, 'plan/222222222222.json'), [{ userName: 'carol' }]);
  const { run, lines } = localRun({ buckets: { 'local-records': bucket }, handlers: { Work: (input, context) => ({
    userName: input.userName, execution: context.Execution.Name }) } });
  const inner = distributedMap({
    Label: 'RunAccountChildren',
    ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.items.Bucket', 'Key.$': '$.items.Key' } },
    MaxConcurrencyPath: '$.maxConcurrency',
    ToleratedFailurePercentage: 100,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { 'Bucket.$': '$.items.Bucket', 'Prefix.$': '$.resultsPrefix' } },
  });

  const result = await run(machine({
    Label: 'RunChildren', ItemsPath: '$.phase.accounts', MaxConcurrency: 40, ResultPath: null,
    ItemSelector: { 'items.$': '$$.Map.Item.Value.items', 'resultsPrefix.$': '$$.Map.Item.Value.resultsPrefix', maxConcurrency: 5 },
  }, { RunAccountChildren: inner }), { phase: { accounts: [
    { accountId: '111111111111', items: { Bucket: 'local-records', Key: 'plan/111111111111.json' }, resultsPrefix: 'plan/results/111111111111' },
    { accountId: '222222222222', items: { Bucket: 'local-records', Key: 'plan/222222222222.json' }, resultsPrefix: 'plan/results/222222222222' }] } });

  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, { phase: result.output.phase }, 'ResultPath null: the input passes through');
  const outputs = {};
  for (const account of ['111111111111', '222222222222']) {
    const [runId] = fs.readdirSync(path.join(bucket, 'plan/results', account));
    const manifest = readJson(path.join(bucket, 'plan/results', account, runId, 'manifest.json'));
    assert.match(manifest.MapRunArn, /:mapRun:OffboardFleet\/RunChildren\/RunAccountChildren:/);
    outputs[account] = readJson(path.join(bucket, manifest.ResultFiles.SUCCEEDED[0].Key)).map((e) => JSON.parse(e.Output).userName).sort();
  }
  assert.deepEqual(outputs, { 111111111111: ['alice', 'bob'], 222222222222: ['carol'] });
  const started = lines.filter((l) => l.type === 'ChildExecutionStarted');
  assert.deepEqual(started.map((l) => l.stateMachine).sort(), ['OffboardFleet/RunChildren', 'OffboardFleet/RunChildren',
    'OffboardFleet/RunChildren/RunAccountChildren', 'OffboardFleet/RunChildren/RunAccountChildren',
    'OffboardFleet/RunChildren/RunAccountChildren']);
});

test('a child\'s progress lines carry its execution name, the parent\'s lines none; each child\'s start and end is printed', async () => {
  const { run, lines } = localRun({ handlers: failingOn([2]) });

  await run(machine({ ItemsPath: '$.items', ToleratedFailureCount: 1 }), { items: [1, 2] });

  const parent = lines.filter((l) => l.execution === undefined);
  assert.deepEqual(parent.map((l) => [l.type, l.state]), [['StateEntered', 'RunChildren']]);
  const ended = lines.filter((l) => l.type === 'ChildExecutionEnded');
  assert.deepEqual(ended.map((l) => l.status).sort(), ['FAILED', 'SUCCEEDED']);
  assert.equal(ended.find((l) => l.status === 'FAILED').error, 'Offboarding.UserProtected');
  for (const end of ended) {
    assert.ok(lines.some((l) => l.type === 'StateEntered' && l.state === 'Work' && l.execution === end.execution));
    assert.ok(lines.some((l) => l.type === 'ChildExecutionStarted' && l.execution === end.execution
      && l.stateMachine === end.stateMachine));
  }
});

test('InputPath, ResultSelector, ResultPath and OutputPath apply to a Distributed Map as to any Map state', async () => {
  const { run } = localRun({ handlers: failingOn([]) });

  const result = await run(machine({ InputPath: '$.phase', ItemsPath: '$.items',
    ResultSelector: { 'first.$': '$[0]' }, ResultPath: '$.result', OutputPath: '$.result' }), { phase: { items: [7, 8] } });

  assert.deepEqual(result.output, { first: 7 });
});

test('--no-waits applies in the child executions: a Wait of an hour in the item processor does not wait', async () => {
  const { run } = localRun({ noWaits: true });
  const began = Date.now();

  const result = await run(machine({ ItemsPath: '$.items' }, { Pause: { Type: 'Wait', Seconds: 3600, End: true } }), { items: [1, 2] });

  assert.equal(result.status, 'SUCCEEDED');
  assert.ok(Date.now() - began < 5000);
});

test('--virtual-time applies in the child executions: their Waits are taken in full on the run\'s logical clock, at once', () => {
  const { spawnSync } = require('node:child_process');
  const dir = temporaryDirectory();
  const definition = path.join(dir, 'map.asl.json');
  writeJson(definition, machine({ ItemsPath: '$.items', End: undefined, Next: 'After' },
    { Pause: { Type: 'Wait', Seconds: 3600, Next: 'Woke' }, Woke: { Type: 'Pass', Parameters: { 'at.$': '$$.State.EnteredTime' }, End: true } },
    { After: { Type: 'Pass', End: true } }));
  const began = Date.now();

  const ran = spawnSync(process.execPath, [path.join(__dirname, '../lib/run-execution.js'), '--definition', definition,
    '--virtual-time', '2026-01-01T00:00:00.000Z', '--state-machine-name', 'OffboardFleet'],
  { input: '{"items": [1, 2]}', encoding: 'utf8', env: { ...process.env, AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9' } });

  assert.equal(ran.status, 0, ran.stderr);
  const end = JSON.parse(ran.stdout.trim().split('\n').at(-1));
  assert.deepEqual(end, { type: 'ExecutionSucceeded', output: [{ at: '2026-01-01T01:00:00.000Z' }, { at: '2026-01-01T01:00:00.000Z' }] });
  assert.ok(Date.now() - began < 20000);
});
