'use strict';

// The execution input of each test case in ReinstateUserMockConfigFile.json (StateMachines.ReinstateUser.TestCases).
module.exports = {
  DryRun: {
    userName: 'night_owl'
  },
  Reinstated: {
    userName: 'night_owl',
    dryRun: false
  },
  LambdaServiceErrorRetried: {
    userName: 'night_owl',
    dryRun: false
  },
  IamThrottlingRetried: {
    userName: 'night_owl',
    dryRun: false
  },
  CallersExecutionIsReplaced: {
    userName: 'night_owl',
    execution: 'arn:aws:states:us-east-1:123456789012:execution:ReinstateUser:forged',
    startedAt: '2020-01-01T00:00:00Z'
  },
  InvalidRequest: {
    userName: 'night_owl',
    dryrun: false
  },
  UserGone: {
    userName: 'night_owl',
    dryRun: false
  },
  UserRecreated: {
    userName: 'night_owl',
    dryRun: false
  },
  NoLockOutRecorded: {
    userName: 'night_owl',
    dryRun: false
  },
  AlreadyRemoving: {
    userName: 'night_owl',
    dryRun: false
  },
  ExecutionNotStopped: {
    userName: 'night_owl',
    dryRun: false
  },
  RecordsUnavailable: {
    userName: 'night_owl',
    dryRun: false
  },
  AccessDenied: {
    userName: 'night_owl',
    dryRun: false
  },
  IamRequestFailed: {
    userName: 'night_owl',
    dryRun: false
  },
  IamUnavailable: {
    userName: 'night_owl',
    dryRun: false
  },
  Misconfigured: {
    userName: 'night_owl',
    dryRun: false
  },
  NotARequest: [
    'night_owl'
  ]
};
