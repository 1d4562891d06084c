'use strict';

// The execution input of each test case in MockConfigFile.json (StateMachines.OffboardUser.TestCases), so the
// same cases can be started on Step Functions Local: start-execution --state-machine-arn <arn>#<TestCase>, named
// after the test case unless execution-names.js names it otherwise.
const USER = 'little_tester';
const TRIGGER = { eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', source: 'hr.system', time: '2026-11-20T12:00:00Z' };

module.exports = {
  InvalidRequest: { userName: 'little tester' },
  NotAnObject: 'little_tester',
  AnArray: [{ userName: 'little_tester' }],
  NullInput: null,
  NullOptionalFields: { userName: USER, accountId: null, dryRun: null, force: null, quarantineDays: null, reason: null, requestedBy: null },
  TriggerNotBound: { userName: USER, reason: 'Left the company on 2026-11-20', trigger: TRIGGER },
  OtherAccountInvalidRequest: { userName: USER, accountId: '210987654321', dryrun: true },
  MisconfiguredEntry: { userName: USER },
  AlreadyAbsent: { userName: USER, reason: 'Left the company on 2026-11-20', requestedBy: 'alice@example.com' },
  TriggeredAlreadyAbsent: { userName: USER, reason: 'Left the company on 2026-11-20', requestedBy: 'hr-sync', trigger: TRIGGER },
  Protected: { userName: USER },
  RecentlyActiveRefused: { userName: USER, reason: 'Contract ended', requestedBy: 'alice@example.com' },
  RecentlyActiveForced: { userName: USER, force: true, reason: 'Credentials leaked', requestedBy: 'security-oncall' },
  DryRunWouldRefuse: { userName: USER, dryRun: true },
  DryRunWouldProceed: { userName: USER, dryRun: true, requestedBy: 'alice@example.com' },
  Privileged: { userName: USER },
  PrivilegedAllowed: { userName: USER, allowPrivileged: true, reason: 'Left the company', requestedBy: 'security-oncall' },
  DryRunPrivileged: { userName: USER, dryRun: true },
  Quarantine: { userName: USER, quarantineDays: 7, reason: 'Left the company', requestedBy: 'hr-sync' },
  DefaultQuarantine: { userName: USER },
  QuarantineHandedBack: { userName: USER, quarantineDays: 7 },
  PrivilegedAfterQuarantine: { userName: USER, quarantineDays: 7 },
  ConflictsRetried: { userName: USER, accountId: '123456789012', reason: 'Left the company', requestedBy: 'hr-sync' },
  SweepThenDeleted: { userName: USER },
  SweepAfterLambdaErrors: { userName: USER },
  SweepFindsUserGone: { userName: USER },
  PrivilegedBeforeSweep: { userName: USER },
  ConflictPersists: { userName: USER },
  DeletedMeanwhile: { userName: USER },
  RemoveTokensThrottled: { userName: USER },
  RemovalInterruptedThroughout: { userName: USER },
  LambdaServiceErrorsRetried: { userName: USER },
  LambdaUnavailable: { userName: USER },
  RefusedByListTokens: { userName: USER },
  AccessDenied: { userName: USER },
  IamRequestFailed: { userName: USER },
  IamUnavailable: { userName: USER },
  IamUnavailableAfterRemoval: { userName: USER },
  RemoveTokensTimedOut: { userName: USER },
  RemovalRefused: { userName: USER, quarantineDays: 7 },
  Misconfigured: { userName: USER },
  WorstCase: { userName: USER, quarantineDays: 7 },
  OtherAccount: { userName: USER, accountId: '210987654321', reason: 'Left the company', requestedBy: 'hr-sync' },
  OtherAccountRoleNotUsable: { userName: USER, accountId: '210987654321' },
};
