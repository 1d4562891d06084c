'use strict';

const { StateMachine } = require('./local-engine');

const RANGE = /^(\d+)(?:-(\d+))?$/;

/**
 * One mocked response of a Step Functions Local mock-config file: {"0": {...}, "1-3": {...}} -> a function from
 * the n-th invocation (0-based, counted per state over the whole execution, retries included) to its entry.
 */
function responseSequence(name, mockedResponse) {
  const ranges = Object.entries(mockedResponse).map(([key, entry]) => {
    const m = RANGE.exec(key);
    if (!m) {
      throw new Error(`mocked response ${name}: key "${key}" is neither "n" nor "n-m"`);
    }
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const kinds = ['Return', 'Throw'].filter((k) => Object.hasOwn(entry, k));
    if (to < from || kinds.length !== 1) {
      throw new Error(`mocked response ${name}.${key}: needs from <= to and exactly one of Return or Throw`);
    }
    return { from, to, entry };
  });
  return (n) => ranges.find((r) => n >= r.from && n <= r.to)?.entry;
}

/** The error a Lambda Task reports: Step Functions takes Error from .name and Cause from .message. */
function taskError(error, cause) {
  const e = new Error(cause);
  e.name = error;
  return e;
}

/**
 * Turns one test case of a mock-config file into aws-local-stepfunctions overrides: a local handler per Task state
 * that answers the n-th invocation of that state with the n-th mocked response, and records every invocation.
 * A Task state the test case does not mock fails with MockConfig.NotMocked instead of calling AWS.
 */
function mockTestCase(definition, mockConfig, stateMachineName, testCaseName) {
  const testCases = mockConfig.StateMachines?.[stateMachineName]?.TestCases ?? {};
  const testCase = testCases[testCaseName];
  if (!testCase) {
    throw new Error(`mock config has no test case ${stateMachineName}.${testCaseName}`);
  }
  const invocations = [];
  const counts = {};
  const taskResourceLocalHandlers = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') {
      continue;
    }
    const responseName = testCase[stateName];
    const next = responseName === undefined ? null : responseSequence(responseName, mockConfig.MockedResponses[responseName] ?? {});
    if (responseName !== undefined && !mockConfig.MockedResponses[responseName]) {
      throw new Error(`test case ${testCaseName}: state ${stateName} uses unknown mocked response ${responseName}`);
    }
    taskResourceLocalHandlers[stateName] = async (input) => {
      const index = counts[stateName] ?? 0;
      counts[stateName] = index + 1;
      const entry = next?.(index);
      const call = { state: stateName, index, input: structuredClone(input), response: responseName ?? null };
      invocations.push(call);
      if (!entry) {
        call.threw = responseName === undefined ? 'MockConfig.NotMocked' : 'MockConfig.NoResponse';
        throw taskError(call.threw, `${stateName} invocation ${index} has no mocked response in ${testCaseName}`);
      }
      if (entry.Throw) {
        call.threw = entry.Throw.Error;
        throw taskError(entry.Throw.Error, entry.Throw.Cause);
      }
      return structuredClone(entry.Return);
    };
  }
  for (const stateName of Object.keys(testCase)) {
    if (definition.States[stateName]?.Type !== 'Task') {
      throw new Error(`test case ${testCaseName} mocks ${stateName}, which is not a Task state of the definition`);
    }
  }
  return { taskResourceLocalHandlers, invocations };
}

/**
 * The engine's Context Object is static apart from Execution.Input and StartTime, and has no State. This one
 * adds the execution's identity, its start time when given (lib/local-engine.js then uses it: a test knows what
 * $$.Execution.StartTime is) and a live State.RetryCount: the number of consecutive failed invocations at the
 * end of the invocation log, all of the state invoked last. Parameters are evaluated just before the next
 * invocation, so that is the retry count of a state being retried and 0 for a state being entered (in this
 * definition a state that reads RetryCount is never re-entered straight after its own caught failure).
 */
function contextObject(executionName, stateMachineName, invocations, startTime) {
  const stateMachineArn = `arn:aws:states:us-east-1:123456789012:stateMachine:${stateMachineName}`;
  const execution = {
    Id: `arn:aws:states:us-east-1:123456789012:execution:${stateMachineName}:${executionName}`,
    Name: executionName,
    RoleArn: 'arn:aws:iam::123456789012:role/OffboardUserStateMachineRole',
  };
  if (startTime !== undefined) {
    execution.StartTime = startTime;
  }
  return {
    Execution: execution,
    StateMachine: { Id: stateMachineArn, Name: stateMachineName },
    State: {
      get RetryCount() {
        const last = invocations.at(-1);
        let count = 0;
        for (let i = invocations.length - 1; i >= 0; i--) {
          if (invocations[i].state !== last.state || !invocations[i].threw) {
            break;
          }
          count++;
        }
        return count;
      },
      get EnteredTime() {
        return new Date().toISOString();
      },
    },
  };
}

/**
 * Runs one test case of the mock-config file on aws-local-stepfunctions, as an execution named executionName (the
 * test case's name unless given, like start-execution --name) started at startTime (an ISO instant; the engine's
 * clock when not given). No test sleeps: every Retry pause is 0
 * and so is every Wait named in zeroWaits (Wait states left out still run, e.g. a TimestampPath in the past).
 * Returns the status, the output or the Error/Cause, the states entered in order, the engine's events and the
 * invocations of each Task with the payload it was given.
 */
async function runTestCase({ definition, mockConfig, stateMachineName, testCase, executionName = testCase, input,
  zeroWaits = [], startTime }) {
  const { taskResourceLocalHandlers, invocations } = mockTestCase(definition, mockConfig, stateMachineName, testCase);
  const retryIntervalOverrides = Object.fromEntries(
    Object.entries(definition.States).filter(([, s]) => s.Retry).map(([name]) => [name, 0]));
  const waitTimeOverrides = Object.fromEntries(zeroWaits.map((name) => [name, 0]));
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } });
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
    context: contextObject(executionName, stateMachineName, invocations, startTime),
  });
  const collecting = (async () => {
    const events = [];
    for await (const event of execution.eventLogs) {
      events.push(event);
    }
    return events;
  })();
  let output = null;
  let thrown = null;
  try {
    output = await execution.result;
  } catch (e) {
    thrown = e;
  }
  const events = await collecting;
  const failed = events.find((e) => e.type === 'ExecutionFailed');
  if (thrown && !failed) {
    throw thrown;
  }
  return {
    status: failed ? 'FAILED' : 'SUCCEEDED',
    output,
    error: failed?.Error ?? null,
    cause: failed?.Cause ?? null,
    path: events.filter((e) => e.type === 'StateEntered').map((e) => e.state.name),
    retries: events.filter((e) => e.type === 'StateRetried').map((e) => e.state.name),
    events,
    invocations,
  };
}

module.exports = { responseSequence, mockTestCase, contextObject, runTestCase };
