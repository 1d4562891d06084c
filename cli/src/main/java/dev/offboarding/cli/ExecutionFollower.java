package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Follows an execution in AWS until it ends, printing each state entered and each failed attempt. */
final class ExecutionFollower {
    private final SfnClient sfn;
    private final Duration pollInterval;
    private final Sleeper sleeper;
    private final Watcher watcher;

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** How the end of the execution is told; returns the exit code. */
    interface Ending {
        int ended(boolean succeeded, JsonNode output, String error, String cause, double seconds);
    }

    /** Sees each event of the history once, oldest first, after its progress line is printed. */
    interface Watcher {
        void seen(HistoryEvent event);
    }

    ExecutionFollower(SfnClient sfn, Duration pollInterval, Sleeper sleeper) {
        this(sfn, pollInterval, sleeper, event -> { });
    }

    ExecutionFollower(SfnClient sfn, Duration pollInterval, Sleeper sleeper, Watcher watcher) {
        this.sfn = sfn;
        this.pollInterval = pollInterval;
        this.sleeper = sleeper;
        this.watcher = watcher;
    }

    /** Follows until the execution ends or {@code timeout} passes; returns the exit code. */
    int follow(String executionArn, Duration timeout, Report report) throws InterruptedException {
        return follow(executionArn, timeout, report, report::ended);
    }

    /** The same, its end told by {@code ending}. */
    int follow(String executionArn, Duration timeout, Report report, Ending ending) throws InterruptedException {
        Set<Long> printed = new HashSet<>();
        long polls = Math.max(1, timeout.toMillis() / Math.max(1, pollInterval.toMillis()));
        for (long poll = 0; poll < polls; poll++) {
            printNewEvents(executionArn, printed, report);
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING && execution.status() != ExecutionStatus.PENDING_REDRIVE) {
                printNewEvents(executionArn, printed, report);
                double seconds = execution.stopDate() == null ? 0
                        : Duration.between(execution.startDate(), execution.stopDate()).toMillis() / 1000.0;
                boolean succeeded = execution.status() == ExecutionStatus.SUCCEEDED;
                return ending.ended(succeeded, succeeded ? Report.output(execution.output()) : null,
                        succeeded ? null : errorOf(execution), execution.cause(), seconds);
            }
            sleeper.sleep(pollInterval);
        }
        report.line("Still running after " + timeout + ": " + executionArn);
        return ExitCode.WORKFLOW_FAILED;
    }

    private void printNewEvents(String executionArn, Set<Long> printed, Report report) {
        String token = null;
        for (int page = 0; page < 100; page++) {
            String next = token;
            GetExecutionHistoryResponse history = sfn.getExecutionHistory(
                    r -> r.executionArn(executionArn).maxResults(1000).nextToken(next));
            for (HistoryEvent event : history.events()) {
                if (printed.add(event.id())) {
                    describe(event, report);
                    watcher.seen(event);
                }
            }
            token = history.nextToken();
            if (token == null) {
                return;
            }
        }
    }

    private static void describe(HistoryEvent event, Report report) {
        if (event.stateEnteredEventDetails() != null && event.type() != HistoryEventType.PASS_STATE_ENTERED
                && event.type() != HistoryEventType.CHOICE_STATE_ENTERED) {
            report.line("  -> " + event.stateEnteredEventDetails().name());
        } else if (event.type() == HistoryEventType.TASK_FAILED && event.taskFailedEventDetails() != null) {
            report.line("     attempt failed: " + event.taskFailedEventDetails().error());
        } else if (event.type() == HistoryEventType.LAMBDA_FUNCTION_FAILED && event.lambdaFunctionFailedEventDetails() != null) {
            report.line("     attempt failed: " + event.lambdaFunctionFailedEventDetails().error());
        }
    }

    private static String errorOf(DescribeExecutionResponse execution) {
        return execution.error() != null ? execution.error() : "States." + execution.statusAsString();
    }
}
