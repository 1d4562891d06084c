'use strict';

// The local Step Functions engine, with what it lacks of Step Functions added here and nowhere else.

// The polyfill must be installed before the engine runs a Task.
require('./promise-with-resolvers');
const engine = require('aws-local-stepfunctions');

const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];

/**
 * A Choice rule as the engine can evaluate it. Step Functions reads a type test with false as its negation
 * ({"Variable": "$.x", "IsNull": false} matches a value that is not null); aws-local-stepfunctions 3.0.0 evaluates
 * every type test with false as "no match" (`IsNull && value === null`). Such a test becomes
 * {"Not": {"Variable": ..., "<test>": true}}, which the engine evaluates as Step Functions does (for IsPresent
 * the engine reads an absent path without failing, so IsPresent: false on an absent field still matches).
 */
function choiceRule(rule) {
  const out = { ...rule };
  if (out.And) {
    out.And = out.And.map(choiceRule);
  }
  if (out.Or) {
    out.Or = out.Or.map(choiceRule);
  }
  if (out.Not) {
    out.Not = choiceRule(out.Not);
  }
  const negated = TYPE_TESTS.find((t) => out[t] === false);
  if (negated) {
    const { Variable, [negated]: _, ...rest } = out;
    return { ...rest, Not: { Variable, [negated]: true } };
  }
  return out;
}

/** The Task resource a Distributed Map state becomes for the engine; its local handler runs the map. */
const DISTRIBUTED_MAP_RESOURCE = 'arn:aws:states:::local:distributedMap';

/**
 * The longest TimeoutSeconds the engine can wait for: it sets a timer of that many milliseconds, and a Node timer of
 * more than 2^31 - 1 ms fires at once. Step Functions' default for a Task is 99999999 s; the engine's is 60 s, which
 * would end a child workflow, a Distributed Map or a wait for a callback after a minute.
 */
const MAX_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Whether a Map state runs in DISTRIBUTED mode (each item a child workflow execution). */
function isDistributedMap(state) {
  return state.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

/** Task resources this project runs locally for a long time (a child execution, a wait for a callback). */
function isLongRunningIntegration(resource) {
  return resource === 'arn:aws:states:::states:startExecution.sync:2' || resource.endsWith('.waitForTaskToken');
}

const TASK_FAILED = 'States.TaskFailed';

/**
 * Retriers or catchers without States.TaskFailed: a Map state's errors never match it, and the engine would match
 * it against every error of the Task the Map state becomes.
 */
function withoutTaskFailed(handlers) {
  const kept = handlers.map((h) => ({ ...h, ErrorEquals: h.ErrorEquals.filter((e) => e !== TASK_FAILED) }))
    .filter((h) => h.ErrorEquals.length > 0);
  return kept.length > 0 ? kept : undefined;
}

/**
 * A Distributed Map state as the engine runs it: a Task whose local handler (lib/distributed-map.js) reads the items,
 * runs the child executions and returns the Map's result; the engine applies InputPath before it, ResultSelector,
 * ResultPath and OutputPath after it, and its Retry and Catch, as it does for a Map state.
 */
function distributedMapTask(state) {
  const task = { Type: 'Task', Resource: DISTRIBUTED_MAP_RESOURCE, TimeoutSeconds: MAX_TASK_TIMEOUT_SECONDS };
  for (const field of ['Comment', 'InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Next', 'End']) {
    if (field in state) {
      task[field] = state[field];
    }
  }
  for (const field of ['Retry', 'Catch']) {
    const kept = state[field] && withoutTaskFailed(state[field]);
    if (kept) {
      task[field] = kept;
    }
  }
  return task;
}

/**
 * A long-running integration Task as the engine runs it. Without a timeout of its own it gets the longest the engine
 * can wait (not the engine's 60 s). The engine evaluates TimeoutSecondsPath against the Task's Parameters instead of
 * its input, so the timeout is carried in the Parameters: {"Parameters": <the Task's>, "TimeoutSeconds.$": <path>}
 * (the local handler unwraps them; see taskParameters).
 */
function longRunningTask(state) {
  if (state.TimeoutSecondsPath !== undefined) {
    const { TimeoutSecondsPath, Parameters, ...rest } = state;
    const wrapped = Parameters === undefined ? { 'Parameters.$': '$' } : { Parameters };
    return { ...rest, Parameters: { ...wrapped, 'TimeoutSeconds.$': TimeoutSecondsPath }, TimeoutSecondsPath: '$.TimeoutSeconds' };
  }
  if (state.TimeoutSeconds === undefined) {
    return { ...state, TimeoutSeconds: MAX_TASK_TIMEOUT_SECONDS };
  }
  return state;
}

/** The Parameters a long-running integration Task's handler was given, as the Task's definition wrote them. */
function taskParameters(state, input) {
  return state.TimeoutSecondsPath !== undefined ? input.Parameters : input;
}

/**
 * The definition as the engine can run it: every Choice rule made evaluable, every Distributed Map state a Task run by
 * lib/distributed-map.js, every long-running integration Task given a timeout the engine honours; states of nested
 * branches included (a Distributed Map's item processor is converted when its child executions run it).
 */
function forEngine(definition) {
  const states = Object.fromEntries(Object.entries(definition.States).map(([name, state]) => {
    if (isDistributedMap(state)) {
      return [name, distributedMapTask(state)];
    }
    if (state.Type === 'Task' && typeof state.Resource === 'string' && isLongRunningIntegration(state.Resource)) {
      return [name, longRunningTask(state)];
    }
    const copy = { ...state };
    if (copy.Type === 'Choice') {
      copy.Choices = copy.Choices.map(choiceRule);
    }
    if (copy.Branches) {
      copy.Branches = copy.Branches.map(forEngine);
    }
    if (copy.Iterator) {
      copy.Iterator = forEngine(copy.Iterator);
    }
    if (copy.ItemProcessor) {
      copy.ItemProcessor = forEngine(copy.ItemProcessor);
    }
    return [name, copy];
  }));
  return { ...definition, States: states };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

class StateMachine extends engine.StateMachine {
  constructor(definition, options) {
    super(forEngine(definition), options);
  }

  /**
   * Runs an execution as the engine does. With options.context.Execution.StartTime (an ISO instant to the
   * millisecond, as Step Functions writes it), that is the execution's $$.Execution.StartTime: the engine stamps it
   * with its clock's reading as the execution starts (new Date(), within this call), so the clock reads that instant
   * for that moment only, and a test knows the start time its payloads carry.
   */
  run(input, options) {
    const startTime = options?.context?.Execution?.StartTime;
    if (startTime === undefined) {
      return super.run(input, options);
    }
    if (typeof startTime !== 'string' || !ISO_INSTANT.test(startTime)) {
      throw new Error(`Execution.StartTime is an ISO instant to the millisecond, e.g. 2026-11-21T09:00:00.000Z: ${startTime}`);
    }
    const Clock = globalThis.Date;
    globalThis.Date = class extends Clock {
      constructor(...args) {
        if (args.length === 0) {
          super(startTime);
        } else {
          super(...args);
        }
      }
    };
    try {
      return super.run(input, options);
    } finally {
      globalThis.Date = Clock;
    }
  }
}

/**
 * A payload template (Parameters, ItemSelector, a ResultWriter's Parameters ...) evaluated against `input` and the
 * context object, by the engine itself (a Pass state with those Parameters), so that paths, `.$` keys and intrinsic
 * functions mean what they mean in every other state. The engine gives a run's context its own Execution.Input, so
 * `$$.Execution.Input` is read from a copy under another name.
 */
async function evaluate(template, input, context) {
  const text = JSON.stringify(template).replaceAll('$$.Execution.Input', () => '$$.Execution.InputOfTheExecution');
  const ownContext = { ...context, Execution: { ...context?.Execution, InputOfTheExecution: context?.Execution?.Input } };
  delete ownContext.Execution.StartTime;
  const pass = { StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: JSON.parse(text), End: true } } };
  const startTime = context?.Execution?.StartTime;
  const machine = new StateMachine(pass, { validationOptions: { noValidate: true } });
  const run = machine.run(input, { context: ISO_INSTANT.test(startTime ?? '')
    ? { ...ownContext, Execution: { ...ownContext.Execution, StartTime: startTime } } : ownContext });
  try {
    return await run.result;
  } catch (e) {
    throw e.cause ?? e;
  }
}

/** The value a reference path selects in `input` (or, for `$$.`, in the context object), as the engine reads it. */
async function select(path, input, context) {
  return (await evaluate({ 'value.$': path }, input, context)).value;
}

module.exports = {
  StateMachine, ExecutionError: engine.ExecutionError, forEngine, evaluate, select, isDistributedMap,
  isLongRunningIntegration, taskParameters, DISTRIBUTED_MAP_RESOURCE, MAX_TASK_TIMEOUT_SECONDS,
};
