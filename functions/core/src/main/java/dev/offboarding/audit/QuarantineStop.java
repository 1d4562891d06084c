package dev.offboarding.audit;

/**
 * What a reinstate did to the offboarding execution that locked the user out and waited out the quarantine.
 *
 * @param statusBefore its status as Step Functions described it before (RUNNING, ABORTED, ...); null when not asked
 */
public record QuarantineStop(String executionArn, String statusBefore, Result result) {
    public enum Result {
        /** It was running: this reinstate stopped it (StopExecution, error Offboarding.Reinstated). */
        STOPPED,
        /** A dry run: it is running and a real run would stop it. */
        WOULD_STOP,
        /** It had already ended (or Step Functions no longer knows it): nothing to stop. */
        ALREADY_ENDED,
        /** Not asked: no OffboardUser state machine is configured (a local run), so its engine is this machine's. */
        NOT_CHECKED
    }
}
