#!/usr/bin/env node
'use strict';

// Runs one execution of a state machine definition on the local engine, with every lambda:invoke Task calling
// Lambda's Invoke API through the AWS SDK's Lambda client at AWS_ENDPOINT_URL_LAMBDA (the Java LocalLambdaHost,
// or anything else that answers Invoke as Lambda does).
//
//   AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:PORT node lib/run-execution.js --definition offboard-user.asl.json \
//        --substitutions '{"ListTokensFunctionArn": "...", ...}' [--name EXECUTION] [--state-machine-name NAME]
//        [--no-waits] [--zero-wait STATE]... [--virtual-time ISO-INSTANT [--seed N] | --clock-offset-ms N]
//        [--state-machine NAME=DEFINITION]... [--bucket-directory BUCKET=DIR]... [--callbacks DIR]
//        [--executions-registry FILE] < input.json
//
// Prints one JSON object per line as the execution goes: {"type": "StateEntered", "state": ...},
// {"type": "StateRetried", "state": ..., "attempt": n, "error": ..., "waitedSeconds": s}, {"type": "StateCaught", ...},
// {"type": "EventsPut", "entries": [...]} for each events:putEvents Task (there is no bus here: the caller delivers),
// and last
// {"type": "ExecutionSucceeded", "output": ...} or {"type": "ExecutionFailed", "error": ..., "cause": ...}.
// --no-waits makes every Wait and every Retry pause 0 (for paths whose timing is not under test); --zero-wait NAME
// skips one Wait state (e.g. a quarantine of days).
// --virtual-time runs the execution on a logical clock that starts at that instant (lib/virtual-time.js): every Wait
// and Retry pause is taken in full but in virtual time, at once, the FULL jitter drawn from a generator seeded with
// --seed (default 1), and each Invoke tells the function host the virtual time in its ClientContext
// ({"custom": {"localTime": "<ISO instant>"}}), so that the functions' clock follows the engine's.
// --clock-offset-ms keeps real time but moves the engine's clock by that many milliseconds (lib/shifted-time.js),
// so that it reads the same time as functions whose clock is a scenario's world's, offset from the real one.
// Child executions (lib/local-executions.js) get the same task handlers, waits and clock:
// --state-machine NAME=DEFINITION registers a state machine a states:startExecution.sync:2 Task may start (by its
// name or its ARN arn:aws:states:us-east-1:123456789012:stateMachine:NAME; the definition gets the same
// --substitutions); --executions-registry FILE remembers the execution names started that way across runs
// (ExecutionAlreadyExists); --bucket-directory BUCKET=DIR is where a Distributed Map's ItemReader and ResultWriter
// find bucket BUCKET; --callbacks DIR is where a .waitForTaskToken Task looks for its decision
// (<sha256 hex of the token>.json: {"output": ...} or {"error": ..., "cause": ...}; with --virtual-time, "sentAt" may
// say when it is sent, a decision sent at or after the Task's timeout coming too late).
// A child's lines carry "execution": <its name>; more line types: {"type": "ChildExecutionStarted", "stateMachine",
// "execution"}, {"type": "ChildExecutionEnded", "stateMachine", "execution", "status", "error"?},
// {"type": "TaskTokenIssued", "state", "token", "message", "parameters"}, {"type": "SnsPublished", "state",
// "parameters"}.

const { parseArgs } = require('node:util');
const { loadDefinition } = require('./definition');
const { LocalExecutions, statesOf } = require('./local-executions');
const integrations = require('./service-integrations');
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const virtualTime = require('./virtual-time');
const shiftedTime = require('./shifted-time');

const MAX_INVOCATIONS = 10000;

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function taskError(name, cause) {
  const e = new Error(cause);
  e.name = name;
  return e;
}

const ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_LAMBDA';

/**
 * The Lambda client of a local run: the endpoint from AWS_ENDPOINT_URL_LAMBDA (required, so that a local run never
 * reaches AWS), dummy credentials, us-east-1, and no retries of its own (the definition's Retry does them, visibly).
 */
function localLambdaClient(endpoint = process.env[ENDPOINT_VARIABLE]) {
  if (!endpoint) {
    throw new Error(`${ENDPOINT_VARIABLE} is not set: it must point at the local function host`);
  }
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** The client context key that carries the caller's logical time (an ISO-8601 instant) to the function host. */
const LOCAL_TIME_KEY = 'localTime';

/**
 * The Task's ClientContext (base64 JSON, if it has one) with custom.localTime set to `localTime`, base64-encoded as
 * Invoke takes it.
 */
function withLocalTime(clientContext, localTime) {
  let context = {};
  if (clientContext !== undefined) {
    try {
      context = JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8'));
    } catch {
      context = null;
    }
    const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isObject(context) || (context.custom != null && !isObject(context.custom))) {
      throw taskError('Lambda.InvalidRequestContentException',
        `ClientContext is not a base64-encoded JSON object: ${clientContext}`);
    }
  }
  const custom = { ...context.custom, [LOCAL_TIME_KEY]: localTime };
  return Buffer.from(JSON.stringify({ ...context, custom })).toString('base64');
}

/**
 * One lambda:invoke as Step Functions' integration does it: Invoke with the Task's parameters (FunctionName as
 * given, Payload as JSON); the result is {ExecutedVersion, Payload (parsed JSON), StatusCode}; a function error is a
 * task error whose Error is the payload's errorType (Lambda.Unknown without one) and whose Cause is the error
 * payload as Lambda returned it; a failed call is Lambda.<exception name> (Lambda.SdkClientException when Lambda
 * did not answer). With `localTime` (a run in virtual time), the ClientContext carries it.
 */
async function invokeLambda(client, parameters, localTime) {
  const { Payload, ...rest } = parameters;
  if (localTime !== undefined) {
    rest.ClientContext = withLocalTime(rest.ClientContext, localTime);
  }
  let response;
  try {
    response = await client.send(new InvokeCommand({
      ...rest,
      Payload: Buffer.from(JSON.stringify(Payload ?? {})),
    }));
  } catch (e) {
    const status = e.$metadata?.httpStatusCode;
    if (status === undefined) {
      throw taskError('Lambda.SdkClientException', `Unable to invoke ${rest.FunctionName}: ${e.message}`);
    }
    throw taskError(`Lambda.${e.name}`, `${e.message} (Service: Lambda, Status Code: ${status}, Request ID: `
      + `${e.$metadata?.requestId})`);
  }
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : '';
  if (response.FunctionError) {
    let errorType;
    try {
      errorType = JSON.parse(text).errorType;
    } catch {
      errorType = undefined;
    }
    throw taskError(typeof errorType === 'string' && errorType ? errorType : 'Lambda.Unknown', text);
  }
  const result = { ExecutedVersion: response.ExecutedVersion, Payload: text === '' ? null : JSON.parse(text),
    StatusCode: response.StatusCode };
  if (response.LogResult !== undefined) {
    result.LogResult = response.LogResult;
  }
  return result;
}

const PUT_EVENTS = integrations.PUT_EVENTS;

/** events:putEvents answered locally (lib/service-integrations.js), its entries printed by default. */
function putEventsLocally(parameters, context, report = print) {
  return integrations.putEventsLocally(parameters, context, report);
}

/**
 * A Task handler per Task state that invokes its function through the Lambda client, as lambda:invoke would; each
 * retry is reported (to {@code report}) when it starts, with the pause before it to the millisecond. With `clock`
 * (lib/virtual-time.js), each invocation runs while the virtual time stands still and tells the function that time.
 */
function lambdaInvokeHandlers(definition, client, invocations, report = print, clock = null, context = null) {
  const handlers = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') {
      continue;
    }
    if (state.Resource === PUT_EVENTS) {
      handlers[stateName] = async (input) => putEventsLocally(input, context, report);
      continue;
    }
    const handler = async (input) => {
      if (invocations.length >= MAX_INVOCATIONS) {
        throw taskError('States.Runtime', `more than ${MAX_INVOCATIONS} task invocations: refusing to go on`);
      }
      const previous = invocations.at(-1);
      if (previous?.state === stateName && previous.threw) {
        // A retry: reported now, when the wait the Retry chose is over and its length is known.
        let attempt = 0;
        for (let i = invocations.length - 1; i >= 0 && invocations[i].state === stateName && invocations[i].threw; i--) {
          attempt++;
        }
        report({
          type: 'StateRetried', state: stateName, attempt, error: previous.threw,
          waitedSeconds: Math.round(Date.now() - previous.endedAt) / 1000, at: new Date().toISOString(),
        });
      }
      const call = { state: stateName, threw: null, endedAt: null };
      invocations.push(call);
      try {
        return await invokeLambda(client, input, clock ? new Date().toISOString() : undefined);
      } catch (e) {
        call.threw = e.name;
        throw e;
      } finally {
        call.endedAt = Date.now();
      }
    };
    handlers[stateName] = clock ? (input) => clock.during(() => handler(input)) : handler;
  }
  return handlers;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Virtual time from an ISO-8601 instant, with the engine's jitter seeded by a whole number. */
function installVirtualTime(instant, seed) {
  const start = Date.parse(instant);
  if (!Number.isFinite(start) || !/^\d{1,10}$/.test(seed)) {
    throw new Error(`--virtual-time needs an ISO-8601 instant and --seed a whole number: ${instant}, ${seed}`);
  }
  return virtualTime.install({ start, seed: Number(seed) });
}

/** NAME=VALUE options as {NAME: VALUE}; each name once. */
function pairs(option, values) {
  const out = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1 || Object.hasOwn(out, value.slice(0, at))) {
      throw new Error(`--${option} takes NAME=VALUE, each NAME once: ${value}`);
    }
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      definition: { type: 'string' },
      substitutions: { type: 'string', default: '{}' },
      name: { type: 'string', default: 'local-execution' },
      'state-machine-name': { type: 'string', default: 'OffboardUser' },
      'no-waits': { type: 'boolean', default: false },
      'zero-wait': { type: 'string', multiple: true, default: [] },
      'virtual-time': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'clock-offset-ms': { type: 'string' },
      'state-machine': { type: 'string', multiple: true, default: [] },
      'bucket-directory': { type: 'string', multiple: true, default: [] },
      callbacks: { type: 'string' },
      'executions-registry': { type: 'string' },
    },
  });
  if (!values.definition) {
    throw new Error('--definition is required');
  }
  const substitutions = JSON.parse(values.substitutions);
  const definition = loadDefinition(values.definition, substitutions);
  const stateMachines = Object.fromEntries(Object.entries(pairs('state-machine', values['state-machine']))
    .map(([name, file]) => [name, loadDefinition(file, substitutions)]));
  const input = JSON.parse(await readStdin());
  for (const name of values['zero-wait']) {
    if (![definition, ...Object.values(stateMachines)].some((d) => statesOf(d)[name]?.Type === 'Wait')) {
      throw new Error(`--zero-wait ${name}: the definition has no Wait state of that name`);
    }
  }
  const offset = values['clock-offset-ms'];
  if (offset !== undefined) {
    if (values['virtual-time'] !== undefined || !/^-?\d{1,15}$/.test(offset)) {
      throw new Error(`--clock-offset-ms takes whole milliseconds, without --virtual-time: ${offset}`);
    }
    shiftedTime.install({ offsetMs: Number(offset) });
  }
  const clock = values['virtual-time'] === undefined ? null : installVirtualTime(values['virtual-time'], values.seed);
  const client = localLambdaClient();
  const executions = new LocalExecutions({
    print,
    lambdaHandlers: (def, { report, invocations, context }) => lambdaInvokeHandlers(def, client, invocations,
      report, clock, context),
    noWaits: values['no-waits'],
    zeroWaits: values['zero-wait'],
    clock,
    stateMachines,
    buckets: pairs('bucket-directory', values['bucket-directory']),
    callbacks: values.callbacks ?? null,
    registry: new integrations.ExecutionRegistry(values['executions-registry'] ?? null),
  });
  const run = await executions.run({ definition, stateMachineName: values['state-machine-name'],
    executionName: values.name, input, top: true });
  if (run.status === 'SUCCEEDED') {
    print({ type: 'ExecutionSucceeded', output: run.output });
  } else {
    print({ type: 'ExecutionFailed', error: run.error, cause: run.cause });
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(2);
  });
}

module.exports = { invokeLambda, lambdaInvokeHandlers, localLambdaClient, putEventsLocally, LOCAL_TIME_KEY };
