'use strict';

// The record store as the mocked layer sees it: where record-outcome keeps each test case's record, and what it
// answers at the stages that only write it. The key layout is RecordKeys' (records/): one prefix per account and
// user, <accountId>/<userName>/<startedAt as yyyyMMdd'T'HHmmss'Z'>_<executionName>.json, in the account the request
// names or else the stack's own (the execution's). RecordedAnswersAreTheRealFunctionsIT runs record-outcome with a
// MemoryRecordStore, which gives a record's location as memory:<key>, seeded for each test case with the records of
// earlier runs in test/record-store.json.

const path = require('node:path');

const HOME_ACCOUNT_ID = '123456789012';
/** The earlier records each test case's store holds when its execution starts: {TestCase: {key: record}}. */
const SEEDED = require(path.join(__dirname, '..', 'record-store.json'));
/** The Task states that invoke record-outcome, each with the stage it writes. */
const RECORD_STAGES = { OpenRecord: 'OPEN', RecordIntent: 'BEFORE_REMOVAL', RecordResult: 'AFTER_REMOVAL',
  RecordDeleteIntent: 'BEFORE_DELETE', RecordOutcome: 'CONCLUDE' };
/** The stages whose answer is only where the record was written (StageAnswer.Written), OPEN's with what it found. */
const WRITING_STATES = ['OpenRecord', 'RecordIntent', 'RecordResult', 'RecordDeleteIntent'];
/** The Task states that put the event announcing how the execution ended (events:putEvents). */
const ANNOUNCING_STATES = ['Announce', 'AnnounceNotRecorded'];

/** $$.Execution.StartTime as the key has it: 2026-11-21T09:00:00.000Z is 20261121T090000Z. */
function keyTime(startTime) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/.exec(startTime);
  if (!m) {
    throw new Error(`not an ISO instant: ${startTime}`);
  }
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z`;
}

/** The key of an execution's record: the validated request's account (or the stack's) and user. */
function recordKey(request, executionName, startTime) {
  return `${request.accountId ?? HOME_ACCOUNT_ID}/${request.userName}/${keyTime(startTime)}_${executionName}.json`;
}

/** Where record-outcome says it wrote a record (RecordLocation): the key, and the store's description of it. */
function recordAt(key) {
  return { key, location: `memory:${key}` };
}

/** The earlier records a test case's store holds. */
function seeded(testCase) {
  return SEEDED[testCase] ?? {};
}

module.exports = { HOME_ACCOUNT_ID, RECORD_STAGES, WRITING_STATES, ANNOUNCING_STATES, keyTime, recordKey, recordAt,
  seeded, SEEDED };
