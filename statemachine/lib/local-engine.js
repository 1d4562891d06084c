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

/** The definition with every Choice rule made evaluable by the engine; states of nested branches included. */
function forEngine(definition) {
  const states = Object.fromEntries(Object.entries(definition.States).map(([name, state]) => {
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

module.exports = { StateMachine, ExecutionError: engine.ExecutionError, forEngine };
