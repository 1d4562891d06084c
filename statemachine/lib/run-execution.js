#!/usr/bin/env node
'use strict';

// Runs one execution of a state machine definition on the local engine, with every Lambda Task invoking the real
// function through a local function host (the Java LocalLambdaHost: POST <host>/invoke/<function> answers
// {"payload": ...} or {"errorType": ..., "errorMessage": ...}).
//
//   node lib/run-execution.js --definition offboard-user.asl.json --host http://127.0.0.1:PORT \
//        --substitutions '{"ListTokensFunctionArn": "...", ...}' [--name EXECUTION] [--state-machine-name NAME]
//        [--no-waits] [--zero-wait STATE]... < input.json
//
// Prints one JSON object per line as the execution goes: {"type": "StateEntered", "state": ...},
// {"type": "StateRetried", "state": ..., "attempt": n, "error": ..., "waitedSeconds": s}, {"type": "StateCaught", ...},
// and last
// {"type": "ExecutionSucceeded", "output": ...} or {"type": "ExecutionFailed", "error": ..., "cause": ...}.
// --no-waits makes every Wait and every Retry pause 0 (for paths whose timing is not under test); --zero-wait NAME
// skips one Wait state (e.g. a quarantine of days).

const { parseArgs } = require('node:util');
const { loadDefinition } = require('./definition');
const { contextObject } = require('./mock-config');
const { StateMachine } = require('./local-engine');

const MAX_INVOCATIONS = 10000;

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function taskError(name, cause) {
  const e = new Error(cause);
  e.name = name;
  return e;
}

/** The function a lambda:invoke FunctionName designates: a name, or an ARN possibly with a version or alias. */
function functionName(functionNameOrArn) {
  const text = String(functionNameOrArn);
  const match = /:function:([^:]+)/.exec(text);
  return match ? match[1] : text;
}

/** A Task handler per Task state that invokes the function through the host, as lambda:invoke would. */
function lambdaInvokeHandlers(definition, host, invocations) {
  const handlers = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') {
      continue;
    }
    handlers[stateName] = async (input) => {
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
        print({
          type: 'StateRetried', state: stateName, attempt, error: previous.threw,
          waitedSeconds: Math.round((Date.now() - previous.endedAt) / 100) / 10, at: new Date().toISOString(),
        });
      }
      const call = { state: stateName, threw: null, endedAt: null };
      invocations.push(call);
      const name = functionName(input.FunctionName);
      const response = await fetch(`${host}/invoke/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input.Payload ?? {}),
      });
      call.endedAt = Date.now();
      if (response.status === 404) {
        call.threw = 'Lambda.ResourceNotFoundException';
        throw taskError(call.threw, `Function not found: ${name}`);
      }
      const body = await response.json();
      if (body.errorType) {
        call.threw = body.errorType;
        // What lambda:invoke reports for a Java exception: Error is its class name, Cause the error payload.
        throw taskError(body.errorType, JSON.stringify({
          errorMessage: body.errorMessage, errorType: body.errorType, stackTrace: [],
        }));
      }
      return { ExecutedVersion: '$LATEST', Payload: body.payload, StatusCode: 200 };
    };
  }
  return handlers;
}

function progress(event, invocations) {
  const at = new Date(event.timestamp).toISOString();
  switch (event.type) {
    case 'StateEntered':
      return { type: event.type, state: event.state.name, at };
    case 'StateCaught':
      return { type: event.type, state: event.state.name, at };
    case 'StateFailed':
      return { type: event.type, state: event.state.name, error: event.Error, at };
    default:
      return null;
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const { values } = parseArgs({
    options: {
      definition: { type: 'string' },
      host: { type: 'string' },
      substitutions: { type: 'string', default: '{}' },
      name: { type: 'string', default: 'local-execution' },
      'state-machine-name': { type: 'string', default: 'OffboardUser' },
      'no-waits': { type: 'boolean', default: false },
      'zero-wait': { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values.definition || !values.host) {
    throw new Error('--definition and --host are required');
  }
  const definition = loadDefinition(values.definition, JSON.parse(values.substitutions));
  const input = JSON.parse(await readStdin());
  const invocations = [];
  const overrides = { taskResourceLocalHandlers: lambdaInvokeHandlers(definition, values.host, invocations) };
  if (values['no-waits']) {
    const names = Object.keys(definition.States);
    overrides.waitTimeOverrides = Object.fromEntries(names.filter((n) => definition.States[n].Type === 'Wait').map((n) => [n, 0]));
    overrides.retryIntervalOverrides = Object.fromEntries(names.filter((n) => definition.States[n].Retry).map((n) => [n, 0]));
  }
  for (const name of values['zero-wait']) {
    if (definition.States[name]?.Type !== 'Wait') {
      throw new Error(`--zero-wait ${name}: the definition has no Wait state of that name`);
    }
    overrides.waitTimeOverrides = { ...overrides.waitTimeOverrides, [name]: 0 };
  }
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } });
  const execution = machine.run(input, {
    overrides,
    context: contextObject(values.name, values['state-machine-name'], invocations),
  });
  let failure = null;
  const streaming = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'ExecutionFailed') {
        failure = event;
      }
      const line = progress(event, invocations);
      if (line) {
        print(line);
      }
    }
  })();
  try {
    const output = await execution.result;
    await streaming;
    print({ type: 'ExecutionSucceeded', output });
  } catch (e) {
    await streaming;
    if (!failure) {
      throw e;
    }
    print({ type: 'ExecutionFailed', error: failure.Error, cause: failure.Cause });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(2);
});
