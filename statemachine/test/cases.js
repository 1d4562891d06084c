'use strict';

// The execution input of each test case in MockConfigFile.json (StateMachines.OffboardUser.TestCases), so the
// same cases can be started on Step Functions Local: start-execution --state-machine-arn <arn>#<TestCase>.
const USER = 'little_tester';

module.exports = {
  InvalidRequest: { userName: 'little tester' },
  NotAnObject: 'little_tester',
  AnArray: [{ userName: 'little_tester' }],
  AlreadyAbsent: {
    userName: USER, reason: 'Left the company on 2026-11-20', requestedBy: 'hr-sync',
    trigger: { eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', source: 'hr.system', time: '2026-11-20T12:00:00Z' },
  },
  Protected: { userName: USER },
  RecentlyActiveRefused: { userName: USER, reason: 'Contract ended', requestedBy: 'alice@example.com' },
  RecentlyActiveForced: { userName: USER, force: true, reason: 'Credentials leaked', requestedBy: 'security-oncall' },
  DryRunWouldRefuse: { userName: USER, dryRun: true },
  DryRunWouldProceed: { userName: USER, dryRun: true, requestedBy: 'alice@example.com' },
  Quarantine: { userName: USER, quarantineDays: 7, reason: 'Left the company', requestedBy: 'hr-sync' },
  QuarantineHandedBack: { userName: USER, quarantineDays: 7 },
  ConflictsRetried: { userName: USER, accountId: '123456789012', reason: 'Left the company', requestedBy: 'hr-sync' },
  SweepThenDeleted: { userName: USER },
  SweepFindsUserGone: { userName: USER },
  ConflictPersists: { userName: USER },
  DeletedMeanwhile: { userName: USER },
  NullOptionalFields: { userName: USER, accountId: null, dryRun: null, force: null, quarantineDays: null, reason: null, requestedBy: null },
  RemoveTokensThrottled: { userName: USER },
  LambdaServiceErrorsRetried: { userName: USER },
  LambdaUnavailable: { userName: USER },
  AccessDenied: { userName: USER },
  IamRequestFailed: { userName: USER },
  IamUnavailable: { userName: USER },
  Misconfigured: { userName: USER },
  WorstCase: { userName: USER, quarantineDays: 7 },
  OtherAccount: { userName: USER, accountId: '210987654321', reason: 'Left the company', requestedBy: 'hr-sync' },
  OtherAccountRoleNotUsable: { userName: USER, accountId: '210987654321' },
};
