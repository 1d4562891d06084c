'use strict';

// The Step Functions service integrations a local run answers itself, as Step Functions' own integrations do:
// - states:startExecution.sync:2: the named state machine's definition runs as a child execution in the same engine,
//   with the same task handlers; execution names are unique per state machine, remembered across runs in a
//   registry file;
// - any .waitForTaskToken resource (sns:publish.waitForTaskToken here): a task token is issued ($$.Task.Token), the
//   Task waits for a decision file (SendTaskSuccess / SendTaskFailure) in the callbacks directory;
// - sns:publish and events:putEvents: there is no topic or bus here, so each is printed for the caller to deliver.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const START_EXECUTION_SYNC_2 = 'arn:aws:states:::states:startExecution.sync:2';
const PUT_EVENTS = 'arn:aws:states:::events:putEvents';
const SNS_PUBLISH = 'arn:aws:states:::sns:publish';
const WAIT_FOR_TASK_TOKEN = '.waitForTaskToken';
const MAX_PUT_EVENTS_ENTRIES = 10;
const DECISION_POLL_MILLISECONDS = 50;

/**
 * A task error as the engine reports it: Error from .name, Cause from .message. An error Step Functions raises
 * itself and no Catch or Retry may handle (States.Runtime) says so to the engine (isCatchable, isRetryable).
 */
function taskError(name, cause, { handleable = true } = {}) {
  const e = new Error(cause);
  e.name = name;
  if (!handleable) {
    Object.defineProperty(e, 'isCatchable', { value: false });
    Object.defineProperty(e, 'isRetryable', { value: false });
  }
  return e;
}

/** The cause of a Step Functions API error inside a Task's Cause, as the integration words it (AWS SDK style). */
function apiErrorCause(message, errorCode) {
  return `${message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${errorCode}; Request ID: `
    + `${crypto.randomUUID()}; Proxy: null)`;
}

/**
 * events:putEvents as Step Functions' optimized integration does it, without a bus to put to: each entry is printed
 * as {"type": "EventsPut", "entries": [...]} (with the execution and state machine ARNs appended to its Resources, as
 * the integration does) for the caller to deliver, and the answer is PutEvents' ({Entries: [{EventId}],
 * FailedEntryCount: 0}). An entry without Source, DetailType or Detail fails the task with EventBridge.FailedEntry,
 * as a non-zero FailedEntryCount does in Step Functions; so does a request with more than 10 entries.
 */
function putEventsLocally(parameters, context, report) {
  const entries = parameters?.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
    throw taskError('EventBridge.AmazonEventBridgeException',
      `PutEvents takes 1 to ${MAX_PUT_EVENTS_ENTRIES} Entries; the Task gave ${JSON.stringify(entries)}`);
  }
  const missing = entries.filter((e) => !e.Source || !e.DetailType || e.Detail === undefined);
  if (missing.length > 0) {
    throw taskError('EventBridge.FailedEntry', `${missing.length} of ${entries.length} entries have no Source,`
      + ' DetailType or Detail');
  }
  const resources = [context.Execution.Id, context.StateMachine.Id];
  const delivered = entries.map((e) => ({
    ...e,
    Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail),
    Resources: [...(e.Resources ?? []), ...resources],
  }));
  report({ type: 'EventsPut', entries: delivered, at: new Date().toISOString() });
  return { Entries: delivered.map((_, i) => ({ EventId: `local-${Date.now()}-${i}` })), FailedEntryCount: 0 };
}

/**
 * sns:publish without a topic: the message is printed as {"type": "SnsPublished", "state", "parameters"} and the
 * answer is Publish's ({MessageId}). Publish needs a Message and one of TopicArn, TargetArn or PhoneNumber
 * (SNS.InvalidParameterException otherwise).
 */
function snsPublishLocally(stateName, parameters, report) {
  if (typeof parameters?.Message !== 'string' && typeof parameters?.Message !== 'object') {
    throw taskError('SNS.InvalidParameterException', 'Invalid parameter: Empty message');
  }
  if (!parameters.TopicArn && !parameters.TargetArn && !parameters.PhoneNumber) {
    throw taskError('SNS.InvalidParameterException',
      'Invalid parameter: TopicArn or TargetArn or PhoneNumber Reason: no value for required parameter');
  }
  report({ type: 'SnsPublished', state: stateName, parameters, at: new Date().toISOString() });
  return { MessageId: crypto.randomUUID() };
}

/**
 * The execution names each state machine has used, across runs when kept in a file: {"<state machine ARN>":
 * {"<name>": {"status", "input", "startDate", "stopDate"?}}}. The file is rewritten whole (a temporary file renamed
 * over it) after every change, so a reader never sees half of it. One run at a time may use a file.
 */
class ExecutionRegistry {
  constructor(file = null) {
    this.file = file;
    this.entries = {};
  }

  /** The file as it is now (another run may have written it since), or what this run has recorded. */
  load() {
    if (this.file && fs.existsSync(this.file)) {
      this.entries = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    }
    return this.entries;
  }

  find(stateMachineArn, name) {
    return this.load()[stateMachineArn]?.[name] ?? null;
  }

  record(stateMachineArn, name, entry) {
    const entries = this.load();
    entries[stateMachineArn] = { ...entries[stateMachineArn], [name]: entry };
    if (this.file) {
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, `${JSON.stringify(this.entries, null, 2)}\n`);
      fs.renameSync(temporary, this.file);
    }
  }
}

/** StartExecution's rules for a name: 1 to 80 characters, none of whitespace, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters. */
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

function isValidExecutionName(name) {
  return typeof name === 'string' && name.length >= 1 && name.length <= 80 && !INVALID_NAME.test(name);
}

/**
 * The execution's input as StartExecution takes it: the Input parameter as JSON (an object as it is, a string as the
 * JSON text it holds), {} when absent.
 */
function executionInput(input) {
  if (input === undefined) {
    return {};
  }
  if (typeof input !== 'string') {
    return input;
  }
  try {
    return JSON.parse(input);
  } catch {
    throw taskError('StepFunctions.InvalidExecutionInputException',
      apiErrorCause(`Invalid State Machine Execution Input: '${input}'`, 'InvalidExecutionInput'));
  }
}

const REDRIVE_REASONS = {
  SUCCEEDED: 'Execution is SUCCEEDED and cannot be redriven',
};

/**
 * An ended execution as DescribeExecution shows it, with Input and Output as JSON (as startExecution.sync:2 returns
 * them) and dates in epoch milliseconds.
 */
function describeExecution(run) {
  const described = {
    ExecutionArn: run.executionArn,
    Input: run.input,
    InputDetails: { Included: true },
    Name: run.name,
  };
  if (run.status === 'SUCCEEDED') {
    described.Output = run.output;
    described.OutputDetails = { Included: true };
  } else {
    described.Error = run.error;
    described.Cause = run.cause;
  }
  return {
    ...described,
    RedriveCount: 0,
    RedriveStatus: run.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    ...(REDRIVE_REASONS[run.status] ? { RedriveStatusReason: REDRIVE_REASONS[run.status] } : {}),
    StartDate: run.startDate,
    StateMachineArn: run.stateMachineArn,
    Status: run.status,
    StopDate: run.stopDate,
  };
}

/**
 * states:startExecution.sync:2: StartExecution of the named state machine (registered with --state-machine, found by
 * its ARN or name), then, when it has ended, DescribeExecution's answer with Input and Output as JSON. A child that
 * does not succeed fails the Task with States.TaskFailed, the Cause being that DescribeExecution answer as JSON text
 * (its Error and Cause the child's). As StartExecution on a Standard state machine: a name already used by an
 * execution of that state machine is refused with StepFunctions.ExecutionAlreadyExistsException, unless that
 * execution is still running with the same input (in this run), which is then the one waited for.
 */
async function startExecutionSync(parameters, { executions, parent }) {
  const { StateMachineArn, Name, Input } = parameters ?? {};
  const machine = executions.stateMachine(StateMachineArn);
  if (!machine) {
    throw taskError('StepFunctions.StateMachineDoesNotExistException',
      apiErrorCause(`State Machine Does Not Exist: '${StateMachineArn}'`, 'StateMachineDoesNotExist'));
  }
  const name = Name ?? crypto.randomUUID();
  if (!isValidExecutionName(name)) {
    throw taskError('StepFunctions.InvalidNameException',
      apiErrorCause(`Invalid Name: '${name}'`, 'InvalidName'));
  }
  const input = executionInput(Input);
  const executionArn = executions.executionArn(machine.name, name);
  const running = executions.running(machine.arn, name);
  const earlier = executions.registry.find(machine.arn, name);
  let run;
  if (running && earlier?.status === 'RUNNING' && JSON.stringify(earlier.input) === JSON.stringify(input)) {
    run = await running;
  } else if (earlier) {
    throw taskError('StepFunctions.ExecutionAlreadyExistsException',
      apiErrorCause(`Execution Already Exists: '${executionArn}'`, 'ExecutionAlreadyExists'));
  } else {
    run = await executions.start({ definition: machine.definition, stateMachineName: machine.name,
      stateMachineArn: machine.arn, executionName: name, executionArn, input, parent, registered: true });
  }
  const described = describeExecution(run);
  if (run.status !== 'SUCCEEDED') {
    throw taskError('States.TaskFailed', JSON.stringify(described));
  }
  return described;
}

/**
 * The task tokens of one execution, as $$.Task.Token gives them: a Task's Parameters are evaluated just before its
 * handler is called (in the same turn), so the token read while evaluating them is the one the handler takes.
 */
class TaskTokens {
  constructor() {
    let pending = null;
    // An own property: JSONPath reads own properties only.
    Object.defineProperty(this, 'Token', {
      enumerable: true,
      get() {
        pending ??= crypto.randomBytes(48).toString('base64url');
        return pending;
      },
    });
    this.take = () => {
      const token = this.Token;
      pending = null;
      return token;
    };
  }
}

/** The decision file of a task token: `<sha256 hex of the token>.json`. */
function decisionFile(callbacks, token) {
  return path.join(callbacks, `${crypto.createHash('sha256').update(token).digest('hex')}.json`);
}

function readDecision(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') {
      return null;
    }
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null; // being written: read again at the next poll
  }
}

/**
 * A .waitForTaskToken Task: prints {"type": "TaskTokenIssued", "state", "token", "message", "parameters"} and waits
 * for the decision file of the token in the callbacks directory: {"output": ...} is SendTaskSuccess (the Task's
 * result), {"error", "cause"} SendTaskFailure (the Task fails with that Error and Cause). Its TimeoutSeconds
 * (TimeoutSecondsPath) is the engine's: it fails the Task with States.Timeout. In real time the files are looked for
 * until then. In virtual time the wait holds the clock, like a function's run, until a decision file comes; the file
 * may then say when the decision is sent ("sentAt", an ISO-8601 instant, default now): the virtual time goes on to that
 * instant, and a decision sent at or after the Task's timeout comes too late (the Task times out, as Step Functions
 * answers such a SendTask* with TaskTimedOut).
 */
function waitForTaskToken(stateName, parameters, token, { callbacks, report, timeoutSeconds, clock }) {
  if (!callbacks) {
    throw taskError('States.Runtime', `${stateName} waits for a task token, and the run has no --callbacks directory`,
      { handleable: false });
  }
  const issuedAt = Date.now();
  report({ type: 'TaskTokenIssued', state: stateName, token, message: parameters?.Message ?? null, parameters,
    at: new Date(issuedAt).toISOString() });
  const file = decisionFile(callbacks, token);
  const decided = (decision) => {
    if (Object.hasOwn(decision, 'output')) {
      return decision.output;
    }
    if (typeof decision.error === 'string') {
      throw taskError(decision.error, decision.cause ?? '');
    }
    throw taskError('States.Runtime', `${file} holds neither "output" nor "error"`, { handleable: false });
  };
  // Real time: the engine's own timer ends the Task at its timeout; the files are no longer looked for after it.
  const arrival = (until) => new Promise((resolve, reject) => {
    const poll = () => {
      let decision;
      try {
        decision = readDecision(file);
      } catch (e) {
        reject(taskError('States.Runtime', `cannot read ${file}: ${e.message}`, { handleable: false }));
        return;
      }
      if (decision) {
        resolve(decision);
      } else if (performance.now() < until) {
        setTimeout(poll, DECISION_POLL_MILLISECONDS);
      }
    };
    poll();
  });
  if (!clock) {
    return arrival(performance.now() + timeoutSeconds * 1000).then(decided);
  }
  return (async () => {
    const decision = await clock.during(() => arrival(Infinity));
    const sentAt = decision.sentAt === undefined ? clock.now() : Date.parse(decision.sentAt);
    if (!Number.isFinite(sentAt)) {
      throw taskError('States.Runtime', `${file}: "sentAt" is not an ISO-8601 instant`, { handleable: false });
    }
    if (sentAt >= issuedAt + timeoutSeconds * 1000) {
      return new Promise(() => {}); // too late: the engine's timeout, due first, ends the Task
    }
    await clock.until(sentAt);
    return decided(decision);
  })();
}

module.exports = {
  START_EXECUTION_SYNC_2, PUT_EVENTS, SNS_PUBLISH, WAIT_FOR_TASK_TOKEN, ExecutionRegistry, TaskTokens,
  decisionFile, describeExecution, isValidExecutionName, putEventsLocally, snsPublishLocally, startExecutionSync,
  taskError, waitForTaskToken,
};
