'use strict';

// What validate-request (functions/validate-request, ValidateRequestHandler) answers, as far as the mocks must
// follow it: the inputs it refuses whatever their fields, and for an accepted input the request with every default
// filled in and the member account to act in. The mocks are checked against this; layer 2 runs the real function.

const crypto = require('node:crypto');

/** The account the mocked stack runs in (the one in every substituted ARN). */
const HOME_ACCOUNT_ID = '123456789012';
const SAFE_EVENT_ID = /^[A-Za-z0-9_-]{1,74}$/;

/** ExecutionName.forEvent: the name start-offboarding gives the execution it starts for an event. */
function executionNameForEvent(eventId) {
  return `event-${SAFE_EVENT_ID.test(eventId) ? eventId : crypto.createHash('sha256').update(eventId, 'utf8').digest('hex')}`;
}

function holdsNull(value) {
  if (value === null) {
    return true;
  }
  if (typeof value === 'object') {
    return Object.values(value).some(holdsNull);
  }
  return false;
}

/** Why validate-request refuses this input in an execution of this name before reading any field, or null. */
function refusal(input, executionName) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return 'not a JSON object';
  }
  if (holdsNull(input)) {
    return 'an explicit null';
  }
  for (const field of ['memberAccount', 'execution', 'phase', 'recovery']) {
    if (Object.hasOwn(input, field)) {
      return `${field}, which only the workflow sets`;
    }
  }
  if (input.trigger && executionNameForEvent(input.trigger.eventId) !== executionName) {
    return 'a trigger this execution was not started for';
  }
  return null;
}

/** ValidatedRequest for an accepted input: every default filled in; memberAccount for another account. */
function validatedRequest(input, executionName, defaultQuarantineDays = 0) {
  return {
    request: {
      userName: input.userName,
      accountId: input.accountId ?? null,
      dryRun: input.dryRun ?? false,
      force: input.force ?? false,
      quarantineDays: input.quarantineDays ?? defaultQuarantineDays,
      reason: input.reason ?? null,
      requestedBy: input.requestedBy ?? null,
      allowPrivileged: input.allowPrivileged ?? false,
      trigger: input.trigger ?? null,
      execution: null,
      memberAccount: null,
      phase: null,
      recovery: null,
    },
    memberAccount: input.accountId !== undefined && input.accountId !== HOME_ACCOUNT_ID
      ? { accountId: input.accountId, sessionName: executionName } : null,
  };
}

module.exports = { HOME_ACCOUNT_ID, executionNameForEvent, refusal, validatedRequest };
