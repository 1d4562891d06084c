package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.local.WorkflowEvent;
import java.io.PrintWriter;

/**
 * What the command prints. For people: progress lines as the workflow goes, then a summary and the audit record.
 * With --json: nothing but one JSON document at the end, {"status", "output"} or {"status", "error", "cause"}.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final boolean json;

    Report(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    void progress(WorkflowEvent event) {
        if (json) {
            return;
        }
        switch (event.type()) {
            case "StateEntered" -> out.println("  -> " + event.state());
            case "StateRetried" -> out.printf("     retry %d of %s after %s, waited %.1f s%n", event.attempt(), event.state(),
                    shortName(event.error()), event.waitedSeconds() == null ? 0.0 : event.waitedSeconds());
            case "StateCaught" -> out.println("     caught in " + event.state());
            default -> { }
        }
        out.flush();
    }

    /** The end of an execution. Returns the exit code. */
    int ended(boolean succeeded, JsonNode output, String error, String cause, double seconds) {
        if (json) {
            ObjectNode document = JSON.createObjectNode().put("status", succeeded ? "SUCCEEDED" : "FAILED");
            if (succeeded) {
                document.set("output", output);
            } else {
                document.put("error", error).put("cause", cause);
            }
            out.println(document.toPrettyString());
            out.flush();
        } else if (succeeded) {
            out.printf("%nSucceeded in %.1f s: %s%n", seconds, output.path("outcome").asText("(no outcome)"));
            out.println("Audit record:");
            out.println(output.toPrettyString());
        } else {
            out.printf("%nFailed in %.1f s: %s%n", seconds, error);
            out.println(cause);
        }
        out.flush();
        return succeeded ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
    }

    private static String shortName(String error) {
        if (error == null) {
            return "an error";
        }
        int dot = error.lastIndexOf('.');
        return error.startsWith("dev.offboarding.") ? error.substring(dot + 1) : error;
    }
}
