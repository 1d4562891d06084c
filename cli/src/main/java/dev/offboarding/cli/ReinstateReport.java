package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * What `offboard reinstate` prints. For people: progress lines, then what was re-activated, the deny lifted, the
 * boundary put back and what cannot come back (or the Error and its Cause). With --json: one JSON document,
 * {"status": "SUCCEEDED", "output": <the reinstate's answer>} or {"status": "FAILED", "error", "cause"}.
 */
final class ReinstateReport {
    private final PrintWriter out;
    private final Report report;

    ReinstateReport(PrintWriter out, boolean json) {
        this.out = out;
        this.report = new Report(out, json);
    }

    void line(String text) {
        report.line(text);
    }

    /** Where a followed execution's progress lines go (nowhere with --json). */
    Report progress() {
        return report;
    }

    /** The end of a reinstate; returns the exit code. */
    int ended(boolean succeeded, JsonNode output, String error, String cause, double seconds) {
        if (report.printedAsJson(succeeded, output, error, cause)) {
            return succeeded ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
        }
        if (succeeded) {
            out.printf("%n");
            ReinstateCommand.describe(output).forEach(out::println);
        } else {
            out.printf("%nNot reinstated (%.1f s): %s%n", seconds, error);
            out.println(cause);
        }
        out.flush();
        return succeeded ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
    }
}
