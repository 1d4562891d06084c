package dev.offboarding.cli;

import dev.offboarding.local.LocalFleetRun;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DefinitionSubstitutions for a local run: each {@code ${XxxFunctionArn}} names the local function {@code xxx}
 * (ListTokensFunctionArn: list-tokens), the workflow settings take their template defaults, and what the fleet
 * workflow names beyond them is what {@link LocalFleetRun} serves.
 */
final class LocalSubstitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Map<String, String> SETTINGS = Map.of("PropagationWaitSeconds", "2", "DefaultQuarantineDays", "0",
            "OffboardingRoleName", "offboarding", "OffboardingEventBusName", "default",
            "OffboardingEventSource", "iam-offboarding");

    private LocalSubstitutions() {
    }

    /**
     * {@code homeAccountId}: the account IAM is in (the simulator's, or the caller's in real IAM). A local run acts
     * only there; the command refuses a request for another account before it runs.
     */
    static Map<String, String> forDefinition(String definitionText, String homeAccountId) {
        Map<String, String> values = new TreeMap<>();
        Matcher m = PLACEHOLDER.matcher(definitionText);
        while (m.find()) {
            String name = m.group(1);
            values.put(name, name.equals("HomeAccountId") ? homeAccountId : valueOf(name));
        }
        return values;
    }

    private static String valueOf(String placeholder) {
        String fleets = LocalFleetRun.SUBSTITUTIONS.get(placeholder);
        if (fleets != null) {
            return fleets;
        }
        if (placeholder.endsWith("FunctionArn")) {
            String function = placeholder.substring(0, placeholder.length() - "FunctionArn".length())
                    .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
        }
        String value = SETTINGS.get(placeholder);
        if (value == null) {
            throw new CannotRunException("the local runner has no value for the definition's ${" + placeholder + "}");
        }
        return value;
    }
}
