package dev.offboarding.simulator;

/** A failure injected in front of a call, before it can take effect. */
enum Fault {
    THROTTLING,
    SERVER_ERROR,
    /** An organization's service control policy denies the call: AccessDenied, whatever the caller's own policies. */
    SERVICE_CONTROL_POLICY_DENY
}
