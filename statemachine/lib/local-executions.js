'use strict';

// The executions of one local run: the top execution and every child it starts (a Distributed Map's items, a
// startExecution.sync:2 Task's state machine), each with its own context object ($$.Execution, $$.StateMachine,
// $$.Task.Token), the same task handlers (every lambda:invoke reaches the same function host), the same Wait and
// Retry overrides (--no-waits, --zero-wait) and the same clock (virtual time). Each prints its progress; a child's
// lines carry "execution": <its name>, the top execution's lines are as they always were.

const { StateMachine, isDistributedMap, isLongRunningIntegration, taskParameters, MAX_TASK_TIMEOUT_SECONDS } = require('./local-engine');
const { contextObject } = require('./mock-config');
const integrations = require('./service-integrations');
const distributedMap = require('./distributed-map');

const REGION = 'us-east-1';
/** The definitions (as JSON text) already validated in this process. */
const VALIDATED = new Set();
const ACCOUNT = '123456789012';

function stateMachineArn(name) {
  return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
}

/**
 * Every state of a definition by name, those of inline Map iterators and Parallel branches included (they run in
 * the same execution, and Step Functions wants state names unique in a state machine); a Distributed Map's item
 * processor is left out: its states run in child executions.
 */
function statesOf(definition, into = {}) {
  for (const [name, state] of Object.entries(definition.States)) {
    into[name] = state;
    if (isDistributedMap(state)) {
      continue;
    }
    for (const nested of [...(state.Branches ?? []), state.ItemProcessor, state.Iterator].filter(Boolean)) {
      statesOf(nested, into);
    }
  }
  return into;
}

/** A line of the engine's events as printed: StateEntered, StateCaught, StateFailed (with its error). */
function progress(event) {
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

/** A definition run as an execution of its own: an item processor without the ProcessorConfig of its Map. */
function asStateMachine(definition) {
  const { ProcessorConfig: _, ...rest } = definition;
  return rest;
}

class LocalExecutions {
  /**
   * @param print          prints one progress line (an object)
   * @param lambdaHandlers (definition, {report, invocations, context}) -> task handlers of its Lambda Tasks
   * @param noWaits        every Wait and Retry pause 0, in every execution
   * @param zeroWaits      names of Wait states skipped, in every execution that has them
   * @param clock          the virtual clock (lib/virtual-time.js), or null
   * @param stateMachines  {name: definition} of the state machines a startExecution Task may start
   * @param buckets        {bucket: directory}: the S3 buckets of ItemReader and ResultWriter
   * @param callbacks      the directory of task token decisions, or null
   * @param registry       the execution names already used (service-integrations ExecutionRegistry)
   */
  constructor({ print, lambdaHandlers, noWaits = false, zeroWaits = [], clock = null, stateMachines = {},
    buckets = {}, callbacks = null, registry = new integrations.ExecutionRegistry() }) {
    Object.assign(this, { print, lambdaHandlers, noWaits, zeroWaits, clock, buckets, callbacks, registry });
    this.machines = Object.fromEntries(Object.entries(stateMachines).map(([name, definition]) => [name,
      { name, arn: stateMachineArn(name), definition }]));
    this.inFlight = new Map();
  }

  /** The registered state machine an ARN or a name designates, or null. */
  stateMachine(arnOrName) {
    if (typeof arnOrName !== 'string') {
      return null;
    }
    const name = arnOrName.startsWith('arn:') ? /:stateMachine:([^:]+)$/.exec(arnOrName)?.[1] : arnOrName;
    return name === undefined ? null : this.machines[name] ?? null;
  }

  executionArn(stateMachineName, name) {
    return `arn:aws:states:${REGION}:${ACCOUNT}:execution:${stateMachineName}:${name}`;
  }

  stateMachineArn(name) {
    return stateMachineArn(name);
  }

  /** The end of a registered execution still running in this run, or undefined. */
  running(machineArn, name) {
    return this.inFlight.get(`${machineArn} ${name}`);
  }

  /**
   * Starts a child execution and returns its end: {status, output, error, cause, input, name, executionArn,
   * stateMachineArn, startDate, stopDate} (dates in epoch milliseconds). `registered` children (started by
   * StartExecution) are remembered in the registry under their state machine.
   */
  start({ definition, stateMachineName, stateMachineArn: machineArn, executionName, executionArn, input, registered = false }) {
    const startDate = Date.now();
    if (registered) {
      this.registry.record(machineArn, executionName, { status: 'RUNNING', input, startDate: new Date(startDate).toISOString() });
    }
    const ended = this.run({ definition: asStateMachine(definition), stateMachineName, stateMachineArn: machineArn,
      executionName, executionArn, input, startDate }).then((run) => {
      if (registered) {
        this.registry.record(machineArn, executionName, { status: run.status, input,
          startDate: new Date(run.startDate).toISOString(), stopDate: new Date(run.stopDate).toISOString() });
        this.inFlight.delete(`${machineArn} ${executionName}`);
      }
      return run;
    });
    if (registered) {
      this.inFlight.set(`${machineArn} ${executionName}`, ended);
    }
    return ended;
  }

  /**
   * Runs one execution. The top execution (`top`) prints its lines as run-execution.js always has, starts when the
   * engine stamps it, and its failure without a failed event (a timeout) is thrown; a child prints
   * ChildExecutionStarted, its lines with "execution", and ChildExecutionEnded.
   */
  async run({ definition, stateMachineName, stateMachineArn: machineArn = stateMachineArn(stateMachineName),
    executionName, executionArn = this.executionArn(stateMachineName, executionName), input, top = false,
    startDate = Date.now() }) {
    const invocations = [];
    const report = top ? this.print : (line) => this.print({ ...line, execution: executionName });
    const context = contextObject(executionName, stateMachineName, invocations,
      top ? undefined : new Date(startDate).toISOString());
    context.Execution.Id = executionArn;
    context.StateMachine.Id = machineArn;
    context.Task = new integrations.TaskTokens();
    const overrides = { taskResourceLocalHandlers: this.handlers(definition, { report, invocations, context }) };
    const states = statesOf(definition);
    const names = Object.keys(states);
    if (this.noWaits) {
      overrides.waitTimeOverrides = Object.fromEntries(names.filter((n) => states[n].Type === 'Wait').map((n) => [n, 0]));
      overrides.retryIntervalOverrides = Object.fromEntries(names.filter((n) => states[n].Retry).map((n) => [n, 0]));
    }
    for (const name of this.zeroWaits.filter((n) => states[n]?.Type === 'Wait')) {
      overrides.waitTimeOverrides = { ...overrides.waitTimeOverrides, [name]: 0 };
    }
    if (!top) {
      this.print({ type: 'ChildExecutionStarted', stateMachine: stateMachineName, execution: executionName,
        at: new Date(startDate).toISOString() });
    }
    const ended = (status, fields) => {
      const run = { status, output: null, error: null, cause: null, ...fields, input, name: executionName,
        executionArn, stateMachineArn: machineArn, startDate, stopDate: Date.now() };
      if (!top) {
        this.print({ type: 'ChildExecutionEnded', stateMachine: stateMachineName, execution: executionName, status,
          ...(run.error === null ? {} : { error: run.error }), at: new Date(run.stopDate).toISOString() });
      }
      return run;
    };
    let execution;
    try {
      // Validating a definition takes the validator a third of a second: each distinct one is validated once.
      const text = JSON.stringify(definition);
      const machine = new StateMachine(definition, { validationOptions: VALIDATED.has(text) ? { noValidate: true }
        : { checkPaths: true, checkArn: true } });
      VALIDATED.add(text);
      execution = machine.run(input, { overrides, context });
    } catch (e) {
      if (top) {
        throw e;
      }
      return ended('FAILED', { error: 'States.Runtime', cause: e.message });
    }
    let failure = null;
    let timedOut = false;
    const streaming = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'ExecutionFailed') {
          failure = event;
        }
        if (event.type === 'ExecutionTimeout') {
          timedOut = true;
        }
        const line = progress(event);
        if (line) {
          report(line);
        }
      }
    })();
    try {
      const output = await execution.result;
      await streaming;
      return ended('SUCCEEDED', { output });
    } catch (e) {
      await streaming;
      if (failure) {
        // The top execution's Cause is printed as the engine gave it; a child's is text, as DescribeExecution's.
        const cause = top || typeof failure.Cause === 'string' ? failure.Cause : JSON.stringify(failure.Cause ?? null);
        return ended('FAILED', { error: failure.Error, cause });
      }
      if (top) {
        throw e;
      }
      return timedOut ? ended('TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' })
        : ended('ABORTED', { error: 'States.Aborted', cause: e.message });
    }
  }

  /** The task handlers of one execution's definition: its Lambda Tasks, then what this run answers itself. */
  handlers(definition, { report, invocations, context }) {
    const states = statesOf(definition);
    const tasks = Object.fromEntries(Object.entries(states).filter(([, s]) => s.Type === 'Task'));
    const handlers = this.lambdaHandlers({ States: tasks }, { report, invocations, context });
    for (const [name, state] of Object.entries(states)) {
      if (isDistributedMap(state)) {
        handlers[name] = (input) => distributedMap.run({ state, stateName: name, input, context, executions: this });
      } else if (state.Type !== 'Task' || typeof state.Resource !== 'string') {
        continue;
      } else if (state.Resource === integrations.START_EXECUTION_SYNC_2) {
        handlers[name] = (input) => integrations.startExecutionSync(taskParameters(state, input),
          { executions: this, parent: context });
      } else if (state.Resource.endsWith(integrations.WAIT_FOR_TASK_TOKEN)) {
        handlers[name] = (input) => {
          const token = context.Task.take();
          const timeoutSeconds = state.TimeoutSecondsPath !== undefined ? input.TimeoutSeconds
            : state.TimeoutSeconds ?? MAX_TASK_TIMEOUT_SECONDS;
          return integrations.waitForTaskToken(name, taskParameters(state, input), token,
            { callbacks: this.callbacks, report, timeoutSeconds, clock: this.clock });
        };
      } else if (state.Resource === integrations.SNS_PUBLISH) {
        handlers[name] = async (input) => integrations.snsPublishLocally(name, input, report);
      } else if (isLongRunningIntegration(state.Resource)) {
        handlers[name] = () => {
          throw integrations.taskError('States.Runtime', `${state.Resource} is not run locally`, { handleable: false });
        };
      }
    }
    return handlers;
  }
}

module.exports = { LocalExecutions, progress, statesOf, stateMachineArn, REGION, ACCOUNT };
