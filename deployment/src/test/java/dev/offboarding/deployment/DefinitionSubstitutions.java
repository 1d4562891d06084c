package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each state machine's DefinitionSubstitutions give a value to exactly the {@code ${...}} placeholders of its
 * definition: a missing one would reach Step Functions as literal text, an extra one is a setting that does nothing.
 */
final class DefinitionSubstitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private DefinitionSubstitutions() {
    }

    static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static List<String> problems(Template template) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> machine : template.stateMachines().entrySet()) {
            JsonNode properties = machine.getValue().path("Properties");
            Path definition = Repository.ROOT.resolve(properties.path("DefinitionUri").asText());
            if (!Files.isRegularFile(definition)) {
                problems.add(machine.getKey() + ": DefinitionUri " + definition + " does not exist");
                continue;
            }
            Set<String> placeholders = placeholders(Repository.read(definition));
            Set<String> given = new TreeSet<>();
            properties.path("DefinitionSubstitutions").fieldNames().forEachRemaining(given::add);
            for (String name : placeholders) {
                if (!given.contains(name)) {
                    problems.add(machine.getKey() + ": no DefinitionSubstitutions value for ${" + name + "}");
                }
            }
            for (String name : given) {
                if (!placeholders.contains(name)) {
                    problems.add(machine.getKey() + ": DefinitionSubstitutions has " + name
                            + ", which its definition does not use");
                }
            }
        }
        return problems;
    }
}
