'use strict';

// A local run for the tests of lib/local-executions.js and what it starts: the Task states named in `handlers` are
// answered by those functions (input, context object) -> result, as a function host would answer lambda:invoke; every
// printed line is kept.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LocalExecutions } = require('../../lib/local-executions');
const { ExecutionRegistry } = require('../../lib/service-integrations');

function localRun({ handlers = {}, stateMachines = {}, buckets = {}, callbacks = null, registryFile = null,
  noWaits = false, clock = null, onLine = () => {} } = {}) {
  const lines = [];
  const executions = new LocalExecutions({
    print: (line) => {
      lines.push(line);
      onLine(line);
    },
    lambdaHandlers: (definition, { context }) => Object.fromEntries(Object.keys(definition.States)
      .filter((name) => handlers[name]).map((name) => [name, async (input) => handlers[name](input, context)])),
    noWaits,
    clock,
    stateMachines,
    buckets,
    callbacks,
    registry: new ExecutionRegistry(registryFile),
  });
  const run = (definition, input = {}, { name = 'fleet-1', stateMachineName = 'OffboardFleet' } = {}) =>
    executions.run({ definition, stateMachineName, executionName: name, input, top: true });
  return { lines, executions, run };
}

function temporaryDirectory() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'local-run-'));
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const sleep = (ms) => new Promise((resolve) => {
  setTimeout(resolve, ms);
});

module.exports = { localRun, temporaryDirectory, writeJson, readJson, sleep };
