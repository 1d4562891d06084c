'use strict';

// The execution input of each test case in WaitForRoleMockConfigFile.json (StateMachines.WaitForRole.TestCases).
const ROLE = 'arn:aws:iam::123456789012:role/deployer';
const TRUSTED = { role: ROLE, checks: ['EXISTS', 'TRUSTS', 'ASSUMABLE'], trustedPrincipal: 'lambda.amazonaws.com' };

module.exports = {
  UsableAfterPropagation: TRUSTED,
  SuccessFailSuccessIsNotYetUsable: TRUSTED,
  NeverTrustedFailsAtTheDeadline: { ...TRUSTED, deadlineSeconds: 120 },
  InvalidRequest: { role: ROLE, checks: ['IS_READY'] },
  AccessDenied: { role: 'deployer', checks: ['EXISTS'] },
  LambdaServiceErrorRetried: { role: ROLE, checks: ['ASSUMABLE'], requiredSuccesses: 1 },
};
