package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end of a followed fleet execution. For people: for a plan, one line per user with what would happen (or why
 * not) and the limit sentence; otherwise the counts by outcome and by error and one line per user; a failure's
 * Error and Cause. With --json: the fleet report alone, or, when the execution ended before it had one,
 * {"status": "FAILED", "error", "cause"}.
 */
final class FleetReport {
    private final PrintWriter out;
    private final Report report;
    private final FleetProgress progress;

    FleetReport(PrintWriter out, Report report, FleetProgress progress) {
        this.out = out;
        this.report = report;
        this.progress = progress;
    }

    /** Returns the exit code: 0 when the execution succeeded (COMPLETED or DRY_RUN), 1 otherwise. */
    int ended(boolean succeeded, JsonNode output, String error, String cause, double seconds) {
        JsonNode fleetReport = succeeded && output != null && output.isObject() ? output : progress.fleetReport();
        int exitCode = succeeded ? ExitCode.SUCCEEDED : ExitCode.WORKFLOW_FAILED;
        if (fleetReport != null && report.isJson()) {
            out.println(fleetReport.toPrettyString());
            out.flush();
            return exitCode;
        }
        if (report.printedAsJson(succeeded, output, error, cause)) {
            return exitCode;
        }
        out.println();
        if (fleetReport != null) {
            lines(fleetReport, progress.plan()).forEach(out::println);
        }
        if (succeeded) {
            out.printf("Succeeded in %.1f s%n", seconds);
        } else {
            out.printf("Failed in %.1f s: %s%n", seconds, error);
            out.println(cause);
        }
        out.flush();
        return exitCode;
    }

    /** A fleet report for people; {@code plan}: the plan's summary (state Limit's output), or null. */
    static List<String> lines(JsonNode fleetReport, JsonNode plan) {
        List<String> lines = new ArrayList<>();
        String outcome = fleetReport.path("outcome").asText("(no outcome)");
        String run = fleetReport.path("run").asText() + " (execution " + fleetReport.path("fleetExecution").asText()
                + ")";
        boolean dryRun = outcome.equals("DRY_RUN");
        if (dryRun) {
            lines.add("Plan of fleet run " + run + ", a dry run: nothing was changed."
                    + (plan == null ? "" : " " + capitalized(planNumbers(plan)) + "."));
        } else {
            lines.add("Fleet run " + run + ": " + outcome);
        }
        JsonNode approval = fleetReport.path("approval");
        if (approval.isObject()) {
            lines.add("Approval: " + approval.path("decision").asText() + " by " + approval.path("by").asText()
                    + " at " + approval.path("at").asText()
                    + (approval.path("reason").isTextual() ? " (" + approval.path("reason").asText() + ")" : ""));
        }
        if (!dryRun) {
            lines.add("By outcome: " + counts(fleetReport.path("counts").path("byOutcome")));
            lines.add("By error: " + counts(fleetReport.path("counts").path("byError")));
        }
        JsonNode users = fleetReport.path("users");
        lines.add((dryRun ? "Plan per user" : "Users") + " (" + users.size() + "):");
        for (JsonNode user : users) {
            String what = user.path(user.path("plan").isTextual() ? "plan" : "outcome").asText("?");
            lines.add(String.format("  %-15s %s/%s  %s  %s", what, user.path("accountId").asText(),
                    user.path("userName").asText(), user.path("execution").asText("-"),
                    user.path("reason").asText(user.path("error").asText(""))));
        }
        String limit = limitSentence(fleetReport, plan);
        if (limit != null) {
            lines.add("Over the limit: " + limit);
        }
        if (fleetReport.path("planKey").isTextual()) {
            lines.add("Plan: " + fleetReport.path("planKey").asText());
        }
        if (fleetReport.path("reportKey").isTextual()) {
            lines.add("Report: " + fleetReport.path("reportKey").asText());
        }
        return lines;
    }

    /** "3 would be offboarded, 1 refused, in 2 accounts", and the limit sentence when over it. */
    static String planNumbers(JsonNode plan) {
        String numbers = plan.path("wouldOffboard").asInt() + " would be offboarded, " + plan.path("refused").asInt()
                + " refused" + (plan.path("accounts").isNumber() ? ", in " + plan.path("accounts").asInt()
                        + (plan.path("accounts").asInt() == 1 ? " account" : " accounts") : "");
        return plan.path("limitExceeded").isTextual() ? numbers + "; over the limit: "
                + plan.path("limitExceeded").asText() : numbers;
    }

    private static String limitSentence(JsonNode fleetReport, JsonNode plan) {
        if (fleetReport.path("limitExceeded").isTextual()) {
            return fleetReport.path("limitExceeded").asText();
        }
        return plan != null && plan.path("limitExceeded").isTextual() ? plan.path("limitExceeded").asText() : null;
    }

    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            parts.add(count.getKey() + " " + count.getValue().asInt());
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
