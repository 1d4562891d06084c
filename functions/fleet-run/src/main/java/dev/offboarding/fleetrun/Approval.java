package dev.offboarding.fleetrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.offboarding.validation.OffboardingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A person's decision on a fleet's plan: who (an ARN), when, and optionally why. */
record Approval(Decision decision, String by, Instant at,
                @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    static final int MAX_ARN_LENGTH = 2048;
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12})?:\\S+");

    enum Decision { APPROVED, REJECTED }

    List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (decision == null) {
            problems.add(field + ".decision is required: \"APPROVED\" or \"REJECTED\"");
        }
        if (by == null || by.length() > MAX_ARN_LENGTH || !ARN.matcher(by).matches()) {
            problems.add(field + ".by must be the ARN of who decided, e.g."
                    + " \"arn:aws:sts::123456789012:assumed-role/Approvers/jane\"");
        }
        if (at == null) {
            problems.add(field + ".at is required: when it was decided, e.g. \"2026-12-02T10:00:00Z\"");
        }
        OffboardingRequest.textProblem(field + ".reason", reason).ifPresent(problems::add);
        return problems;
    }
}
