package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The template grants each function exactly the AWS actions its code calls, no action with a wildcard anywhere, and
 * lets each state machine invoke only the functions its definition names and call only its other integrations.
 */
final class LeastPrivilege {
    private LeastPrivilege() {
    }

    /** Every action the statements of a resource allow. */
    static Set<String> granted(Template template, String logicalId) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : template.statements(logicalId)) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                actions.addAll(texts(statement.path("Action")));
            }
        }
        return actions;
    }

    static List<String> functionProblems(Template template, String logicalId, Set<String> called) {
        List<String> problems = new ArrayList<>();
        Set<String> granted = granted(template, logicalId);
        for (String action : called) {
            if (!granted.contains(action)) {
                problems.add(logicalId + " is not granted " + action + ", which its code calls");
            }
        }
        for (String action : granted) {
            if (!called.contains(action)) {
                problems.add(logicalId + " is granted " + action + ", which its code never calls");
            }
        }
        return problems;
    }

    static List<String> wildcardProblems(Template template) {
        List<String> problems = new ArrayList<>();
        template.root().path("Resources").fieldNames().forEachRemaining(id -> {
            for (JsonNode statement : template.statements(id)) {
                if (statement.has("NotAction")) {
                    problems.add(id + " has a statement with NotAction, which grants everything else");
                }
                for (String action : texts(statement.path("Action"))) {
                    if (action.contains("*")) {
                        problems.add(id + " grants the wildcard action " + action);
                    }
                }
            }
        });
        return problems;
    }

    /**
     * A resource ARN with a wildcard account ({@code arn:aws:iam::*:role/x}) grants it in every account of every
     * organization: only with a condition naming the accounts (aws:ResourceAccount) or the organization
     * (aws:ResourceOrgID). A bare {@code "*"} is left to the actions that have no resource (sts:GetCallerIdentity, ...).
     */
    static List<String> anyAccountProblems(Template template) {
        List<String> problems = new ArrayList<>();
        template.root().path("Resources").fieldNames().forEachRemaining(id -> {
            for (JsonNode statement : template.statements(id)) {
                boolean narrowed = false;
                for (JsonNode operator : statement.path("Condition")) {
                    narrowed |= operator.has("aws:ResourceAccount") || operator.has("aws:ResourceOrgID");
                }
                for (String resource : texts(statement.path("Resource"))) {
                    String[] arn = resource.split(":", 6);
                    if (arn.length == 6 && arn[4].contains("*") && !narrowed) {
                        problems.add(id + ": " + statement.path("Sid").asText() + " grants " + resource
                                + " in every account, with no aws:ResourceAccount or aws:ResourceOrgID condition");
                    }
                }
            }
        });
        return problems;
    }

    /** Each state machine may invoke exactly the function aliases its DefinitionSubstitutions pass it. */
    static List<String> stateMachineProblems(Template template) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> machine : template.stateMachines().entrySet()) {
            Set<String> itsFunctions = new TreeSet<>();
            machine.getValue().path("Properties").path("DefinitionSubstitutions").forEach(value -> {
                String ref = value.path("Ref").asText();
                if (template.functions().containsKey(ref.replaceFirst("\\.Alias$", ""))) {
                    itsFunctions.add(ref);
                }
            });
            Set<String> invokable = new TreeSet<>();
            for (JsonNode statement : template.statements(machine.getKey())) {
                Set<String> actions = new TreeSet<>(texts(statement.path("Action")));
                if (actions.stream().anyMatch(a -> a.startsWith("lambda:"))) {
                    if (!actions.equals(Set.of("lambda:InvokeFunction"))) {
                        problems.add(machine.getKey() + " is granted " + actions + "; of Lambda it needs only"
                                + " lambda:InvokeFunction");
                    }
                    for (JsonNode resource : list(statement.path("Resource"))) {
                        String ref = resource.path("Ref").asText();
                        if (!ref.endsWith(".Alias")) {
                            problems.add(machine.getKey() + " may invoke " + resource + ": only function aliases"
                                    + " (!Ref <Function>.Alias) are allowed");
                        } else {
                            invokable.add(ref);
                        }
                    }
                }
            }
            if (!invokable.equals(itsFunctions)) {
                problems.add(machine.getKey() + " may invoke " + invokable + " but its definition calls "
                        + itsFunctions);
            }
            for (JsonNode substitution : machine.getValue().path("Properties").path("DefinitionSubstitutions")) {
                String ref = substitution.path("Ref").asText();
                if (template.functions().containsKey(ref)) {
                    problems.add(machine.getKey() + " calls function " + ref + " itself, not its alias " + ref
                            + ".Alias: the SnapStart snapshot is only used by published versions");
                }
            }
        }
        return problems;
    }

    /** Granted for what a state machine's Logging and Tracing settings deliver, not for a state of its definition. */
    private static final List<String> DELIVERY_PREFIXES = List.of("logs:", "xray:");

    /**
     * Each state machine is granted exactly the actions its definition needs ({@link IntegrationPermissions}: its Task
     * states' integrations, its Distributed Maps, their ItemReader and ResultWriter), besides invoking its functions
     * (see {@link #stateMachineProblems}) and delivering its logs and traces.
     */
    static List<String> integrationProblems(Template template) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> machine : template.stateMachines().entrySet()) {
            Path definition = Repository.ROOT.resolve(machine.getValue().path("Properties").path("DefinitionUri")
                    .asText());
            IntegrationPermissions.Needs needs;
            try {
                needs = IntegrationPermissions.of(TemplateYaml.JSON.readTree(definition.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            needs.unknown().forEach(unknown -> problems.add(machine.getKey() + ": " + unknown));
            Set<String> granted = new TreeSet<>(granted(template, machine.getKey()));
            granted.removeIf(a -> a.startsWith("lambda:") || DELIVERY_PREFIXES.stream().anyMatch(a::startsWith));
            for (String action : needs.actions()) {
                if (!granted.contains(action)) {
                    problems.add(machine.getKey() + " is not granted " + action + ", which its definition calls");
                }
            }
            for (String action : granted) {
                if (!needs.actions().contains(action)) {
                    problems.add(machine.getKey() + " is granted " + action + ", which its definition never calls");
                }
            }
        }
        return problems;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    private static List<String> texts(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }
}
