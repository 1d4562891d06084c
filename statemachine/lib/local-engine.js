'use strict';

// The polyfill must be installed before the engine runs a Task.
require('./promise-with-resolvers');
const { StateMachine, ExecutionError } = require('aws-local-stepfunctions');

module.exports = { StateMachine, ExecutionError };
