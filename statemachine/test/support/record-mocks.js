#!/usr/bin/env node
'use strict';

// The repetitive mocks of MockConfigFile.json, made here rather than written by hand:
// - OpenRecord, RecordIntent, RecordResult and RecordDeleteIntent of each test case past validation: record-outcome
//   answers where it wrote the record (the same key for every stage of one execution: records.js), and at OPEN that
//   no earlier run left anything unfinished (recovery null; a test case whose store holds an unfinished record names
//   its own OpenRecord response);
// - Announce and AnnounceNotRecorded: PutEvents' answer, one event put.
// A test case that names another response for one of these states (a store that refuses, an event not put) keeps
// it. Each generated response answers exactly the invocations the test case makes of its state: this runs each test
// case to count them. The file stays in Step Functions Local's format, complete, so that every test case runs there
// too. mock-config.test.js checks that the file holds exactly what this makes, so run it after changing a test
// case's path:
//
//   node test/support/record-mocks.js

const fs = require('node:fs');
const path = require('node:path');
const { definition, mockConfig, executionName, run, START_TIME, STATE_MACHINE } = require('./fixtures');
const { WRITING_STATES, ANNOUNCING_STATES, recordKey, recordAt } = require('./records');

const FILE = path.join(__dirname, '..', 'MockConfigFile.json');
const EVENT_PUT = 'EventPut';
/** PutEvents' answer to one entry, as the events:putEvents integration returns it. */
const EVENT_PUT_RESPONSE = { Return: { Entries: [{ EventId: '4d3f8b7e-31c1-4b6e-9a52-0c9e2f1d7a10' }], FailedEntryCount: 0 } };
const GENERATED_STATES = [...WRITING_STATES, ...ANNOUNCING_STATES];
/** As many invocations of one state as the longest test case can make (a probe answers them all). */
const PROBE_RANGE = '0-999';

/** The name of the response made for a state of a test case (PutEvents' answer is one, shared). */
function generatedName(state, testCase) {
  return ANNOUNCING_STATES.includes(state) ? EVENT_PUT : `${state}In${testCase}`;
}

/** The response a generated name stands for: where the record was written, or one event put. */
function generatedResponse(state, testCase, validated) {
  if (ANNOUNCING_STATES.includes(state)) {
    return EVENT_PUT_RESPONSE;
  }
  const at = recordAt(recordKey(validated.request, executionName(testCase), START_TIME));
  const payload = state === 'OpenRecord' ? { recordAt: at, recovery: null } : { recordAt: at };
  return { Return: { StatusCode: 200, Payload: payload } };
}

/** Whether a test case's state is answered by the response this makes for it. */
function isGenerated(state, testCase, name) {
  return GENERATED_STATES.includes(state) && name === generatedName(state, testCase);
}

/** What validate-request answers in a test case, or null when it refuses the input. */
function validatedIn(config, testCase) {
  const name = config.StateMachines[STATE_MACHINE].TestCases[testCase].ValidateRequest;
  return Object.values(config.MockedResponses[name]).find((e) => e.Return)?.Return.Payload ?? null;
}

/** The states this makes mocks for in a test case: every generated one the test case does not answer otherwise. */
function statesToGenerate(testCase, mapping) {
  return GENERATED_STATES.filter((s) => !mapping[s] || isGenerated(s, testCase, mapping[s]));
}

/**
 * The mock config with every generated response made afresh, each answering exactly as often as its test case
 * invokes its state. Test cases refused at validation get none.
 */
async function withGeneratedMocks(config) {
  const next = structuredClone(config);
  const testCases = next.StateMachines[STATE_MACHINE].TestCases;
  for (const [testCase, mapping] of Object.entries(testCases)) {
    for (const state of Object.keys(mapping).filter((s) => isGenerated(s, testCase, mapping[s]))) {
      delete next.MockedResponses[mapping[state]];
      delete mapping[state];
    }
  }
  const probe = structuredClone(next);
  for (const [testCase, mapping] of Object.entries(probe.StateMachines[STATE_MACHINE].TestCases)) {
    const validated = validatedIn(probe, testCase);
    if (!validated) {
      continue;
    }
    for (const state of statesToGenerate(testCase, mapping)) {
      const name = `Probe${state}${testCase}`;
      probe.MockedResponses[name] = { [PROBE_RANGE]: generatedResponse(state, testCase, validated) };
      mapping[state] = name;
    }
  }
  for (const [testCase, mapping] of Object.entries(testCases)) {
    const validated = validatedIn(next, testCase);
    if (!validated) {
      continue;
    }
    const result = await run(testCase, definition(), probe);
    for (const state of statesToGenerate(testCase, mapping)) {
      const count = result.invocations.filter((c) => c.state === state).length;
      if (count === 0) {
        continue;
      }
      const name = generatedName(state, testCase);
      if (name === EVENT_PUT) {
        // One event per execution: Announce's or, when the record could not be written, AnnounceNotRecorded's.
        if (count !== 1) {
          throw new Error(`${testCase}: ${state} was invoked ${count} times; an answered PutEvents is not retried`);
        }
        next.MockedResponses[name] = { 0: generatedResponse(state, testCase, validated) };
      } else {
        next.MockedResponses[name] = { [count === 1 ? '0' : `0-${count - 1}`]: generatedResponse(state, testCase, validated) };
      }
      mapping[state] = name;
    }
    // Keep each test case's states in the definition's order, as a person would list them.
    const order = Object.keys(definition().States);
    testCases[testCase] = Object.fromEntries(Object.entries(mapping).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
  }
  return next;
}

module.exports = { withGeneratedMocks, generatedResponse, generatedName, isGenerated, statesToGenerate, EVENT_PUT };

if (require.main === module) {
  withGeneratedMocks(mockConfig).then((next) => {
    fs.writeFileSync(FILE, `${JSON.stringify(next, null, 2)}\n`);
    process.stdout.write(`${path.relative(process.cwd(), FILE)}: the record stages' and announcements' mocks made afresh\n`);
  }).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
