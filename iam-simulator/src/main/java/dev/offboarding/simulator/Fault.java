package dev.offboarding.simulator;

/** A failure injected in front of a call, before it can take effect. */
enum Fault {
    THROTTLING,
    SERVER_ERROR
}
