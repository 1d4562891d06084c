package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a SAM template the checks look at. */
record Template(JsonNode root) {
    static Template load() {
        return parse(Repository.read(Repository.TEMPLATE));
    }

    static Template parse(String yaml) {
        return new Template(TemplateYaml.parse(yaml));
    }

    /** The resources of one type, by logical id, in template order. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    Map<String, JsonNode> functions() {
        return resources("AWS::Serverless::Function");
    }

    Map<String, JsonNode> stateMachines() {
        return resources("AWS::Serverless::StateMachine");
    }

    /** A resource property, or a Globals.Function default for a function. */
    JsonNode functionProperty(String logicalId, String property) {
        JsonNode own = functions().get(logicalId).path("Properties").path(property);
        return own.isMissingNode() ? root.path("Globals").path("Function").path(property) : own;
    }

    /** Parameter defaults, for resolving {@code Ref}s to parameters. */
    String parameterDefault(String name) {
        JsonNode parameter = root.path("Parameters").path(name);
        if (parameter.isMissingNode()) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return parameter.path("Default").asText();
    }

    /** Every statement of a resource's Policies, inline or from a SAM policy template. */
    List<JsonNode> statements(String logicalId) {
        List<JsonNode> statements = new ArrayList<>();
        JsonNode policies = root.path("Resources").path(logicalId).path("Properties").path("Policies");
        List<JsonNode> entries = new ArrayList<>();
        if (policies.isArray()) {
            policies.forEach(entries::add);
        } else if (!policies.isMissingNode()) {
            entries.add(policies);
        }
        for (JsonNode policy : entries) {
            if (policy.isTextual()) {
                // A managed policy by name grants actions this check cannot see: say so rather than pass it.
                statements.add(TemplateYaml.JSON.createObjectNode().put("Effect", "Allow")
                        .put("Action", "managed policy " + policy.asText() + " (unknown actions)"));
            } else if (policy.has("Statement")) {
                policy.path("Statement").forEach(statements::add);
            } else {
                policy.fields().forEachRemaining(t -> statements.addAll(SamPolicyTemplates.statements(t.getKey())));
            }
        }
        return statements;
    }
}
