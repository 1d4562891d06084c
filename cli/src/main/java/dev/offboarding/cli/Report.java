package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.local.WorkflowEvent;
import java.io.PrintWriter;
import java.util.List;

/**
 * What the command prints. For people: progress lines as the workflow goes, then a summary and the audit record.
 * With --json: nothing but one JSON document at the end, {"status", "output"} or {"status", "error", "cause"}.
 */
final class Report {
    private final PrintWriter out;
    private final boolean json;

    Report(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean isJson() {
        return json;
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
            case "EventsPut" -> event.line().path("entries").forEach(entry -> out.println("     announced \""
                    + entry.path("DetailType").asText() + "\" on bus " + entry.path("EventBusName").asText()
                    + recordOf(entry.path("Detail").asText())));
            default -> { }
        }
        out.flush();
    }

    /** Where the announced record is, from an event's Detail (a JSON text), for people. */
    private static String recordOf(String detail) {
        JsonNode location = output(detail).path("record").path("location");
        return location.isTextual() ? "; record: " + location.asText() : "";
    }

    /** An execution's output as Step Functions returns it (a JSON text), as JSON; a text that is no JSON stays text. */
    static JsonNode output(String output) {
        try {
            return output == null ? Json.mapper().nullNode() : Json.mapper().readTree(output);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(output);
        }
    }

    /** The end of an execution. Returns the exit code. */
    int ended(boolean succeeded, JsonNode output, String error, String cause, double seconds) {
        if (printedAsJson(succeeded, output, error, cause)) {
            return succeeded ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
        }
        if (succeeded) {
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

    /**
     * With --json, prints the end as the one JSON document, {"status", "output"} or {"status", "error", "cause"}, and
     * says so; for people it prints nothing.
     */
    boolean printedAsJson(boolean succeeded, JsonNode output, String error, String cause) {
        if (!json) {
            return false;
        }
        ObjectNode document = Json.mapper().createObjectNode().put("status", succeeded ? "SUCCEEDED" : "FAILED");
        if (succeeded) {
            document.set("output", output);
        } else {
            document.put("error", error).put("cause", cause);
        }
        out.println(document.toPrettyString());
        out.flush();
        return true;
    }

    /**
     * What a local run that did not succeed had done: the changes IAM confirmed to the run's client, those still
     * unanswered when it stopped, and whether the user still exists (one GetUser at the end; null when not asked or
     * when IAM could not tell). {@code whatNext}: what to do while the user still exists, or null.
     */
    record Aftermath(String userName, List<IamGate.Change> changes, List<IamGate.Change> unanswered,
                     Boolean userExists, String whatNext) {
        boolean userDeleted() {
            return changes.stream().anyMatch(change -> change.operation().equals("DeleteUser"));
        }

        /** Nothing is left to do: the user was deleted by this run, or is found gone. */
        boolean userGone() {
            return userDeleted() || Boolean.FALSE.equals(userExists);
        }
    }

    /**
     * A local run that ended in a Fail state. After changes, it says what was changed and whether the user still
     * exists; if the user is gone, the offboarding is done whatever the workflow ended in: exit code 0.
     */
    int failed(String error, String cause, double seconds, Aftermath after) {
        if (json) {
            // A run that deleted the user is never reported as failed: the workflow's Error is kept beside it.
            ObjectNode document = Json.mapper().createObjectNode().put("status", after.userGone() ? "USER_GONE" : "FAILED")
                    .put("error", error).put("cause", cause);
            aftermath(document, after);
            print(document);
        } else {
            if (after.userGone()) {
                out.printf("%n%s, but the workflow then ended in %s (after %.1f s): nothing is left to do."
                        + " No audit record was produced.%n", gone(after, "User"), error, seconds);
            } else {
                out.printf("%nFailed in %.1f s: %s%n", seconds, error);
            }
            out.println(cause);
            describe(after, "before it ended");
        }
        out.flush();
        return after.userGone() ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
    }

    /**
     * A local run stopped at its time limit. It says what was changed and whether the user still exists; if the user
     * is gone, the offboarding is done: exit code 0, otherwise 3 (the command could not run it to its end).
     */
    int timedOut(long timeoutSeconds, LocalRun.Stopped stopped, Aftermath after) {
        if (json) {
            ObjectNode document = Json.mapper().createObjectNode().put("status", after.userGone() ? "USER_GONE" : "TIMED_OUT")
                    .put("timeoutSeconds", timeoutSeconds).put("state", stopped.state());
            aftermath(document, after);
            document.put("engineEnded", stopped.engineEnded());
            print(document);
        } else {
            String where = stopped.state() == null ? "" : " (in " + stopped.state() + ")";
            if (after.userGone()) {
                out.printf("%nTimed out after %d s%s, but the offboarding was done: %s. No audit record was"
                        + " produced.%n", timeoutSeconds, where, gone(after, "user"));
            } else {
                out.printf("%nTimed out after %d s%s: the run was stopped; it makes no further IAM call.%n",
                        timeoutSeconds, where);
            }
            describe(after, "before it was stopped");
            if (!stopped.engineEnded()) {
                out.println("The local engine did not end when told to: no IAM call goes through any more, but look"
                        + " for a leftover node process (run-execution.js).");
            }
        }
        out.flush();
        return after.userGone() ? ExitCode.SUCCEEDED : ExitCode.CANNOT_RUN;
    }

    private static String gone(Aftermath after, String user) {
        return user + " " + after.userName() + (after.userDeleted() ? " was deleted" : " no longer exists");
    }

    private void describe(Aftermath after, String when) {
        if (after.changes().isEmpty() && after.unanswered().isEmpty()) {
            out.println("Nothing was changed in IAM.");
        } else if (!after.changes().isEmpty()) {
            out.println("Changed in IAM " + when + " (" + after.changes().size() + "):");
            after.changes().forEach(change -> out.println("  " + change));
        }
        if (!after.unanswered().isEmpty()) {
            out.println("Sent to IAM but unanswered when the command stopped waiting (IAM may or may not have made"
                    + " them):");
            after.unanswered().forEach(change -> out.println("  " + change));
        }
        if (after.userGone()) {
            return;
        }
        if (Boolean.TRUE.equals(after.userExists())) {
            out.println("User " + after.userName() + " still exists" + (after.whatNext() == null ? "."
                    : ": " + after.whatNext()));
        } else if (!after.changes().isEmpty() || !after.unanswered().isEmpty()) {
            out.println("Could not tell whether user " + after.userName() + " still exists: check it in IAM.");
        }
    }

    private static void aftermath(ObjectNode document, Aftermath after) {
        ArrayNode changes = document.putArray("changes");
        after.changes().forEach(change -> changes.add(json(change)));
        if (!after.unanswered().isEmpty()) {
            ArrayNode unanswered = document.putArray("unanswered");
            after.unanswered().forEach(change -> unanswered.add(json(change)));
        }
        if (after.userGone()) {
            document.put("userExists", false);
        } else if (after.userExists() != null) {
            document.put("userExists", after.userExists());
        }
    }

    private static ObjectNode json(IamGate.Change change) {
        ObjectNode node = Json.mapper().createObjectNode().put("operation", change.operation());
        ObjectNode parameters = node.putObject("parameters");
        change.parameters().forEach(parameters::put);
        return node;
    }

    private void print(ObjectNode document) {
        out.println(document.toPrettyString());
    }

    private static String shortName(String error) {
        if (error == null) {
            return "an error";
        }
        int dot = error.lastIndexOf('.');
        return error.startsWith("dev.offboarding.") ? error.substring(dot + 1) : error;
    }
}
