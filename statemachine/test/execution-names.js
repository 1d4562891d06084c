'use strict';

// The execution name of the test cases that are not started under their own name (on Step Functions Local:
// start-execution --name). start-offboarding names the execution it starts for an event after the event's id
// (ExecutionName.forEvent: "event-" + id), and validate-request believes a trigger only in that execution.
module.exports = {
  TriggeredAlreadyAbsent: 'event-6a7e8feb-b491-4cf7-a9f1-bf3703467718',
};
