'use strict';

// The Distributed Map state (ItemProcessor.ProcessorConfig.Mode DISTRIBUTED), as Step Functions runs it, for a local
// run. lib/local-engine.js makes the state a Task whose handler is run() below; the engine applies the state's
// InputPath before it and its ResultSelector, ResultPath, OutputPath, Retry and Catch after it.
// - The items: the JSON array an ItemReader (s3:getObject, ReaderConfig.InputType JSON) reads from a bucket mapped to a
//   directory, or the array ItemsPath selects in the input (default $).
// - Each item runs the item processor as a child workflow execution of its own (a Map Run child): its own
//   $$.Execution (Name, Id), its $$.StateMachine (<parent>/<label>), its input the item after ItemSelector (evaluated
//   with $$.Map.Item.Index and $$.Map.Item.Value).
// - At most MaxConcurrency (MaxConcurrencyPath) children at once; 0 or none means no limit (a local cap here).
// - The Map Run fails with States.ExceedToleratedFailureThreshold when the failed children exceed
//   ToleratedFailureCount or ToleratedFailurePercentage (of all items), 0 tolerated when neither is given.
// - ResultWriter (s3:putObject, Bucket and Prefix) writes <Prefix>/<MapRunId>/SUCCEEDED_0.json, FAILED_0.json and
//   manifest.json as Step Functions does; the state's result is then {MapRunArn, ResultWriterDetails: {Bucket, Key}};
//   without it, the array of the children's outputs, in item order.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { evaluate, select } = require('./local-engine');
const { taskError } = require('./service-integrations');

const GET_OBJECT = 'arn:aws:states:::s3:getObject';
const PUT_OBJECT = 'arn:aws:states:::s3:putObject';
/** The children run at once when the Map sets no limit (Step Functions would run up to 10,000). */
const UNBOUNDED_CONCURRENCY = 100;
const THRESHOLD_EXCEEDED = 'States.ExceedToleratedFailureThreshold';

/** The file of an S3 object in the directory its bucket is mapped to. */
function objectFile(buckets, bucket, key, errorName) {
  const directory = buckets[bucket];
  if (!directory) {
    throw taskError(errorName, `The bucket ${bucket} is not mapped to a directory (--bucket-directory ${bucket}=DIR)`);
  }
  if (typeof key !== 'string' || key === '' || key.startsWith('/') || key.split('/').some((s) => s === '..')) {
    throw taskError(errorName, `The key ${JSON.stringify(key)} is not a key of s3://${bucket}`);
  }
  return path.join(directory, ...key.split('/'));
}

function runtimeError(cause) {
  return taskError('States.Runtime', cause, { handleable: false });
}

async function readItems(state, input, context, buckets) {
  const reader = state.ItemReader;
  if (!reader) {
    const items = await select(state.ItemsPath ?? '$', input, context);
    if (!Array.isArray(items)) {
      throw runtimeError(`The Map state's items (ItemsPath ${state.ItemsPath ?? '$'}) are not an array`);
    }
    return items;
  }
  if (reader.Resource !== GET_OBJECT || reader.ReaderConfig?.InputType !== 'JSON') {
    throw taskError('States.ItemReaderFailed', `The local engine reads items from ${GET_OBJECT} with ReaderConfig`
      + ` InputType JSON only, not ${reader.Resource} ${JSON.stringify(reader.ReaderConfig ?? {})}`);
  }
  const { Bucket, Key } = await evaluate(reader.Parameters ?? {}, input, context);
  const file = objectFile(buckets, Bucket, Key, 'States.ItemReaderFailed');
  let items;
  try {
    items = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw taskError('States.ItemReaderFailed', e.code === 'ENOENT'
      ? `The specified key does not exist: s3://${Bucket}/${Key}` : `s3://${Bucket}/${Key} is not JSON: ${e.message}`);
  }
  if (!Array.isArray(items)) {
    throw taskError('States.ItemReaderFailed', `s3://${Bucket}/${Key} does not hold a JSON array`);
  }
  const maxItems = reader.ReaderConfig.MaxItemsPath !== undefined
    ? await select(reader.ReaderConfig.MaxItemsPath, input, context) : reader.ReaderConfig.MaxItems;
  return maxItems ? items.slice(0, maxItems) : items;
}

async function concurrencyOf(state, input, context) {
  const value = state.MaxConcurrencyPath !== undefined
    ? await select(state.MaxConcurrencyPath, input, context) : state.MaxConcurrency ?? 0;
  if (!Number.isInteger(value) || value < 0) {
    throw runtimeError(`MaxConcurrency is a whole number >= 0, not ${JSON.stringify(value)}`);
  }
  return value === 0 ? UNBOUNDED_CONCURRENCY : value;
}

async function toleranceOf(state, input, context) {
  const count = state.ToleratedFailureCountPath !== undefined
    ? await select(state.ToleratedFailureCountPath, input, context) : state.ToleratedFailureCount;
  const percentage = state.ToleratedFailurePercentagePath !== undefined
    ? await select(state.ToleratedFailurePercentagePath, input, context) : state.ToleratedFailurePercentage;
  if ((count !== undefined && !(Number.isInteger(count) && count >= 0))
    || (percentage !== undefined && !(typeof percentage === 'number' && percentage >= 0 && percentage <= 100))) {
    throw runtimeError(`ToleratedFailureCount is a whole number >= 0 and ToleratedFailurePercentage 0 to 100, not`
      + ` ${JSON.stringify(count)} and ${JSON.stringify(percentage)}`);
  }
  return { count, percentage };
}

/** Whether `failed` of `total` items exceed the tolerated failures (none tolerated when neither value is set). */
function exceeds({ count, percentage }, failed, total) {
  if (count === undefined && percentage === undefined) {
    return failed > 0;
  }
  return (count !== undefined && failed > count) || (percentage !== undefined && failed * 100 > percentage * total);
}

/** Where the ResultWriter writes: {bucket, prefix, directory}, checked before any child runs. */
async function resultWriterOf(state, input, context, buckets) {
  const writer = state.ResultWriter;
  if (!writer) {
    return null;
  }
  if (writer.Resource !== PUT_OBJECT) {
    throw taskError('States.ResultWriterFailed', `The local engine writes results with ${PUT_OBJECT} only, not ${writer.Resource}`);
  }
  const { Bucket, Prefix } = await evaluate(writer.Parameters ?? {}, input, context);
  if (!buckets[Bucket]) {
    throw taskError('States.ResultWriterFailed', `The bucket ${Bucket} is not mapped to a directory (--bucket-directory ${Bucket}=DIR)`);
  }
  return { bucket: Bucket, prefix: typeof Prefix === 'string' ? Prefix.replace(/\/$/, '') : '' };
}

/** A Map Run child as the ResultWriter's files show it: Input and Output as JSON text, dates as ISO instants. */
function resultEntry(run) {
  const succeeded = run.status === 'SUCCEEDED';
  return {
    ...(succeeded ? {} : { Cause: run.cause, Error: run.error }),
    ExecutionArn: run.executionArn,
    Input: JSON.stringify(run.input),
    InputDetails: { Included: true },
    Name: run.name,
    ...(succeeded ? { Output: JSON.stringify(run.output), OutputDetails: { Included: true } } : {}),
    RedriveCount: 0,
    RedriveStatus: succeeded ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN',
    ...(succeeded ? { RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    StartDate: new Date(run.startDate).toISOString(),
    StateMachineArn: run.stateMachineArn,
    Status: run.status,
    StopDate: new Date(run.stopDate).toISOString(),
  };
}

/** Writes the result files, then the manifest that lists them (last: a manifest means the files are there). */
function writeResults({ bucket, prefix }, buckets, mapRunArn, mapRunId, runs) {
  const base = prefix === '' ? mapRunId : `${prefix}/${mapRunId}`;
  const files = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  const groups = { SUCCEEDED: runs.filter((r) => r.status === 'SUCCEEDED'), FAILED: runs.filter((r) => r.status !== 'SUCCEEDED') };
  const write = (key, text) => {
    const file = objectFile(buckets, bucket, key, 'States.ResultWriterFailed');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return Buffer.byteLength(text);
  };
  for (const [status, group] of Object.entries(groups).filter(([, g]) => g.length > 0)) {
    const key = `${base}/${status}_0.json`;
    files[status].push({ Key: key, Size: write(key, JSON.stringify(group.map(resultEntry))) });
  }
  const manifestKey = `${base}/manifest.json`;
  write(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }));
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}

/**
 * Runs a Distributed Map state: `input` is its input after InputPath, `context` its execution's context object,
 * `executions` the run's LocalExecutions (which starts the children).
 */
async function run({ state, input, context, executions }) {
  const items = await readItems(state, input, context, executions.buckets);
  const concurrency = await concurrencyOf(state, input, context);
  const tolerance = await toleranceOf(state, input, context);
  const writer = await resultWriterOf(state, input, context, executions.buckets);
  const childMachine = `${context.StateMachine.Name}/${state.Label ?? crypto.randomUUID()}`;
  const mapRunId = crypto.randomUUID();
  const mapRunArn = executions.stateMachineArn(childMachine).replace(':stateMachine:', ':mapRun:') + `:${mapRunId}`;
  const selector = state.ItemSelector ?? state.Parameters;
  const runs = new Array(items.length);
  let next = 0;
  let failed = 0;
  let exceeded = false;
  const worker = async () => {
    while (!exceeded && next < items.length) {
      const index = next++;
      const itemInput = selector === undefined ? items[index]
        : await evaluate(selector, input, { ...context, Map: { Item: { Index: index, Value: items[index] } } });
      const name = crypto.randomUUID();
      runs[index] = await executions.start({ definition: state.ItemProcessor, stateMachineName: childMachine,
        stateMachineArn: executions.stateMachineArn(childMachine), executionName: name,
        executionArn: executions.executionArn(childMachine, name), input: itemInput });
      if (runs[index].status !== 'SUCCEEDED') {
        failed++;
        exceeded = exceeds(tolerance, failed, items.length);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const ended = runs.filter(Boolean);
  const result = writer ? writeResults(writer, executions.buckets, mapRunArn, mapRunId, ended)
    : runs.map((r) => (r.status === 'SUCCEEDED' ? r.output : { Error: r.error, Cause: r.cause }));
  if (exceeded) {
    throw taskError(THRESHOLD_EXCEEDED, `The specified tolerated failure threshold was exceeded: ${failed} of`
      + ` ${items.length} items failed (Map Run ${mapRunArn})`);
  }
  return result;
}

module.exports = { run, exceeds, UNBOUNDED_CONCURRENCY };
