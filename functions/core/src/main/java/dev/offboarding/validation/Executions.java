package dev.offboarding.validation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code execution} field the workflows add to each function's payload ({@code $$.Execution.Id}) so that every
 * log line names the execution it belongs to. Optional: absent when a function is invoked directly.
 */
public final class Executions {
    /** A Standard ({@code :execution:}) or Express ({@code :express:}) execution ARN. */
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:(execution|express):[^\\s:]+:[^\\s]+");
    public static final int MAX_LENGTH = 2048;
    /** Its account and its name: {@code ...:<account>:execution:<state machine>:<name>} (Express: {@code :<id>} after). */
    private static final Pattern PARTS =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:(\\d{12}):(?:execution|express):[^\\s:]+:([^\\s:]+).*");

    private Executions() {
    }

    /** The account of an execution ARN the workflow set ({@code $$.Execution.Id}). */
    public static String accountOf(String arn) {
        return parts(arn).group(1);
    }

    /** The name of an execution ARN the workflow set ({@code $$.Execution.Name}). */
    public static String nameOf(String arn) {
        return parts(arn).group(2);
    }

    private static java.util.regex.Matcher parts(String arn) {
        java.util.regex.Matcher parts = PARTS.matcher(arn);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a Step Functions execution ARN: " + arn);
        }
        return parts;
    }

    public static List<String> problems(String field, String value) {
        if (value == null) {
            return List.of();
        }
        if (value.length() > MAX_LENGTH || !EXECUTION_ARN.matcher(value).matches()) {
            return List.of(field + " must be a Step Functions execution ARN such as "
                    + "\"arn:aws:states:us-east-1:123456789012:execution:OffboardUser:my-run\" (the workflow sets it"
                    + " from $$.Execution.Id), or absent");
        }
        return List.of();
    }
}
