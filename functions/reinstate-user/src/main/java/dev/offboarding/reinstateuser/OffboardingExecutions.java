package dev.offboarding.reinstateuser;

import dev.offboarding.iam.IamClients;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The executions of the deployed OffboardUser state machine, as a reinstate sees them: whether one is of that state
 * machine, its status, and stopping it. The Step Functions client is built on first use (a dry run of a user whose
 * offboarding ended needs it once; a refusal before it, never). Failures are the SDK's own: the caller words them.
 */
final class OffboardingExecutions {
    /** The error a stopped execution ends with; its cause names the reinstate. */
    static final String STOPPED_ERROR = "Offboarding.Reinstated";

    private final String stateMachineArn;
    private final Supplier<SfnClient> sfn;

    OffboardingExecutions(String stateMachineArn, Supplier<SfnClient> sfn) {
        this.stateMachineArn = stateMachineArn;
        this.sfn = once(sfn);
    }

    /** In Lambda: url-connection-client, the function's credentials from its environment, the SDK's region. */
    static OffboardingExecutions of(String stateMachineArn) {
        return new OffboardingExecutions(stateMachineArn, () -> SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(IamClients.credentialsFor(System.getenv()))
                .build());
    }

    String stateMachineArn() {
        return stateMachineArn;
    }

    /** Whether the execution is one of this state machine's: {@code ...:execution:<its name>:<execution name>}. */
    boolean isOneOf(String executionArn) {
        String prefix = stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":";
        return executionArn != null && executionArn.startsWith(prefix)
                && !executionArn.substring(prefix.length()).isEmpty()
                && executionArn.indexOf(':', prefix.length()) < 0;
    }

    /** Its status (RUNNING, SUCCEEDED, ABORTED, ...), or empty when Step Functions does not know it (any more). */
    Optional<ExecutionStatus> status(String executionArn) {
        try {
            return Optional.of(sfn.get().describeExecution(r -> r.executionArn(executionArn)).status());
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** Whether an execution of that status may still go on to its removal. */
    static boolean mayGoOn(ExecutionStatus status) {
        return status == ExecutionStatus.RUNNING || status == ExecutionStatus.PENDING_REDRIVE;
    }

    void stop(String executionArn, String cause) {
        sfn.get().stopExecution(r -> r.executionArn(executionArn).error(STOPPED_ERROR).cause(cause));
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
