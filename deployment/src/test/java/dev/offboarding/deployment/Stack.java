package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as CloudFormation deploys it with given parameter values: each parameter is checked as CloudFormation
 * checks it (required when it has no Default, AllowedPattern matching the whole value, or each item of a
 * CommaDelimitedList, AllowedValues, a Number within MinValue and MaxValue), the Rules' assertions must hold, the Conditions are evaluated, resources whose
 * Condition is false are left out, and the intrinsic functions are resolved: {@code Ref} of a parameter or pseudo
 * parameter, {@code Fn::Sub}, {@code Fn::If}, {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Select}, and
 * {@code AWS::NoValue}, which removes the key or item. What only exists once deployed stays symbolic: {@code Ref} of a
 * resource stays {@code {"Ref": X}}, {@code Fn::GetAtt} stays as it is, and inside a string either becomes
 * {@code ${X}} or {@code ${X.Attribute}}.
 */
final class Stack {
    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "eu-west-1";
    static final String STACK_NAME = "iam-offboarding";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for AWS::NoValue while resolving; never left in a result. */
    private static final JsonNode NO_VALUE = NODES.textNode("\u0000AWS::NoValue");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Map<String, String> pseudo;
    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Stack(Template template, Map<String, String> given, String accountId) {
        this.template = template;
        this.pseudo = Map.of("AWS::AccountId", accountId, "AWS::Region", REGION, "AWS::Partition", "aws",
                "AWS::StackName", STACK_NAME, "AWS::URLSuffix", "amazonaws.com");
        JsonNode declared = template.root().path("Parameters");
        given.keySet().stream().filter(name -> !declared.has(name))
                .forEach(name -> problems.add("the template has no parameter " + name));
        declared.fields().forEachRemaining(parameter -> {
            String name = parameter.getKey();
            JsonNode spec = parameter.getValue();
            String value = given.containsKey(name) ? given.get(name)
                    : spec.has("Default") ? spec.get("Default").asText() : null;
            if (value == null) {
                problems.add(name + " is required (it has no Default) and was not given");
                return;
            }
            boolean list = "CommaDelimitedList".equals(spec.path("Type").asText());
            List<String> items = list ? List.of(value.split(",", -1)) : List.of(value);
            if (spec.has("AllowedPattern")) {
                Pattern allowed = Pattern.compile(spec.get("AllowedPattern").asText());
                for (String item : items) {
                    if (!allowed.matcher(item).matches()) {
                        problems.add(name + " refuses \"" + item + "\" (AllowedPattern)");
                    }
                }
            }
            if ("Number".equals(spec.path("Type").asText())) {
                numberProblem(name, value, spec).ifPresent(problems::add);
            }
            if (spec.has("AllowedValues")) {
                List<String> allowed = new ArrayList<>();
                spec.get("AllowedValues").forEach(v -> allowed.add(v.asText()));
                if (!allowed.contains(value)) {
                    problems.add(name + " refuses \"" + value + "\" (AllowedValues " + allowed + ")");
                }
            }
            if (list) {
                ArrayNode array = NODES.arrayNode();
                items.forEach(array::add);
                parameters.put(name, array);
            } else {
                parameters.put(name, NODES.textNode(value));
            }
        });
        template.root().path("Rules").fields().forEachRemaining(rule -> {
            JsonNode when = rule.getValue().path("RuleCondition");
            if (!when.isMissingNode() && !truth(when)) {
                return;
            }
            for (JsonNode assertion : rule.getValue().path("Assertions")) {
                if (!truth(assertion.get("Assert"))) {
                    problems.add("rule " + rule.getKey() + " fails: " + assertion.path("AssertDescription").asText());
                }
            }
        });
    }

    /** A Number parameter must be a number within its MinValue and MaxValue. */
    private static Optional<String> numberProblem(String name, String value, JsonNode spec) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Optional.of(name + " refuses \"" + value + "\" (not a Number)");
        }
        if (spec.has("MinValue") && number < spec.get("MinValue").asDouble()) {
            return Optional.of(name + " refuses \"" + value + "\" (MinValue " + spec.get("MinValue") + ")");
        }
        if (spec.has("MaxValue") && number > spec.get("MaxValue").asDouble()) {
            return Optional.of(name + " refuses \"" + value + "\" (MaxValue " + spec.get("MaxValue") + ")");
        }
        return Optional.empty();
    }

    /** The stack CloudFormation would create, or an AssertionError naming what it would refuse. */
    static Stack of(Template template, Map<String, String> parameters) {
        return in(ACCOUNT_ID, template, parameters);
    }

    /** The stack deployed in another account than {@value #ACCOUNT_ID}. */
    static Stack in(String accountId, Template template, Map<String, String> parameters) {
        Stack stack = new Stack(template, parameters, accountId);
        if (!stack.problems.isEmpty()) {
            throw new AssertionError("CloudFormation would refuse these parameters: " + stack.problems);
        }
        return stack;
    }

    /** What CloudFormation would refuse about these parameter values; empty when it would create the stack. */
    static List<String> refusals(Template template, Map<String, String> parameters) {
        return List.copyOf(new Stack(template, parameters, ACCOUNT_ID).problems);
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            JsonNode definition = template.root().path("Conditions").path(name);
            if (definition.isMissingNode()) {
                throw new IllegalArgumentException("no condition " + name);
            }
            known = truth(definition);
            conditions.put(name, known);
        }
        return known;
    }

    /** The deployed template: resources whose Condition holds, Outputs likewise, every value resolved. */
    Template deployed() {
        ObjectNode root = NODES.objectNode();
        ObjectNode resources = root.putObject("Resources");
        template.root().path("Resources").fields().forEachRemaining(resource -> {
            JsonNode when = resource.getValue().path("Condition");
            if (when.isMissingNode() || condition(when.asText())) {
                resources.set(resource.getKey(), resolve(resource.getValue()));
            }
        });
        ObjectNode outputs = root.putObject("Outputs");
        template.root().path("Outputs").fields().forEachRemaining(output -> {
            JsonNode when = output.getValue().path("Condition");
            if (when.isMissingNode() || condition(when.asText())) {
                outputs.set(output.getKey(), resolve(output.getValue()));
            }
        });
        if (template.root().has("Globals")) {
            root.set("Globals", resolve(template.root().get("Globals")));
        }
        ObjectNode parameterValues = root.putObject("Parameters");
        parameters.forEach((name, value) -> parameterValues.putObject(name).set("Default", value));
        return new Template(root);
    }

    /** A value with its intrinsic functions resolved. */
    JsonNode resolve(JsonNode node) {
        JsonNode resolved = evaluate(node);
        if (resolved == NO_VALUE) {
            throw new IllegalArgumentException("AWS::NoValue where a value is required: " + node);
        }
        return resolved;
    }

    private JsonNode evaluate(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode value = evaluate(item);
                if (value != NO_VALUE) {
                    array.add(value);
                }
            }
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref":
                    return ref(argument.asText());
                case "Fn::Sub":
                    return NODES.textNode(sub(argument));
                case "Fn::If":
                    return evaluate(condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2));
                case "Fn::Join": {
                    List<String> parts = new ArrayList<>();
                    for (JsonNode part : evaluate(argument.get(1))) {
                        parts.add(text(part));
                    }
                    return NODES.textNode(String.join(argument.get(0).asText(), parts));
                }
                case "Fn::Split": {
                    ArrayNode array = NODES.arrayNode();
                    for (String part : text(evaluate(argument.get(1))).split(Pattern.quote(argument.get(0).asText()),
                            -1)) {
                        array.add(part);
                    }
                    return array;
                }
                case "Fn::Select":
                    return evaluate(argument.get(1)).get(Integer.parseInt(text(evaluate(argument.get(0)))));
                case "Fn::GetAtt":
                    return node;
                default:
                    if (function.startsWith("Fn::")) {
                        throw new IllegalArgumentException("this check does not resolve " + function + ": " + node);
                    }
            }
        }
        ObjectNode object = NODES.objectNode();
        node.fields().forEachRemaining(field -> {
            JsonNode value = evaluate(field.getValue());
            if (value != NO_VALUE) {
                object.set(field.getKey(), value);
            }
        });
        return object;
    }

    private JsonNode ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudo.containsKey(name)) {
            return NODES.textNode(pseudo.get(name));
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        // A resource of the template, or one SAM generates (a function's Role, a rule's dead-letter queue, ...).
        return NODES.objectNode().put("Ref", name);
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        Map<String, String> variables = new HashMap<>();
        if (argument.isArray()) {
            argument.get(1).fields().forEachRemaining(v -> variables.put(v.getKey(), text(evaluate(v.getValue()))));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") ? "${" + name + "}" : text(ref(name));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A resolved value as text, as CloudFormation would render it in a string. */
    private static String text(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isObject() && value.has("Ref")) {
            return "${" + value.get("Ref").asText() + "}";
        }
        if (value.isObject() && value.has("Fn::GetAtt")) {
            JsonNode att = value.get("Fn::GetAtt");
            return "${" + att.get(0).asText() + "." + att.get(1).asText() + "}";
        }
        throw new IllegalArgumentException("not a string: " + value);
    }

    /** A condition function: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
    private boolean truth(JsonNode node) {
        String function = node.fieldNames().next();
        JsonNode argument = node.get(function);
        switch (function) {
            case "Condition":
                return condition(argument.asText());
            case "Fn::Equals":
                return evaluate(argument.get(0)).equals(evaluate(argument.get(1)));
            case "Fn::Not":
                return !truth(argument.get(0));
            case "Fn::And": {
                boolean all = true;
                for (JsonNode operand : argument) {
                    all &= truth(operand);
                }
                return all;
            }
            case "Fn::Or": {
                boolean any = false;
                for (JsonNode operand : argument) {
                    any |= truth(operand);
                }
                return any;
            }
            default:
                throw new IllegalArgumentException("not a condition function: " + node);
        }
    }
}
