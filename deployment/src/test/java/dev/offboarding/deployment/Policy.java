package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's evaluation of the statements of one policy, for what this product's policies use: Allow and Deny, Action and
 * Resource with the wildcards {@code *} and {@code ?}, Principal ({@code "*"}, account ids, account root and role
 * ARNs), and the condition operators StringEquals, StringNotEquals, StringLike, ArnEquals, ArnLike, ArnNotEquals,
 * ArnNotLike and Bool. Several values of one key match when any does (for the negated operators: when none does);
 * several keys and operators must all match; a key missing from the request matches only a negated operator.
 */
final class Policy {
    private final List<JsonNode> statements;

    Policy(List<JsonNode> statements) {
        this.statements = List.copyOf(statements);
    }

    static Policy of(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        JsonNode statement = document.path("Statement");
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else if (!statement.isMissingNode()) {
            statements.add(statement);
        }
        return new Policy(statements);
    }

    /** Who makes a request: the principal's ARN as aws:PrincipalArn sees it (a role's, not its session's). */
    record Principal(String arn, String account) {
        static Principal role(String arn) {
            return new Principal(arn, arn.split(":")[4]);
        }
    }

    /** A request: its action, resource and the request context's condition keys. */
    record Request(Principal principal, String action, String resource, Map<String, String> context) {
        String key(String name) {
            return switch (name) {
                case "aws:PrincipalArn" -> principal == null ? null : principal.arn();
                case "aws:PrincipalAccount" -> principal == null ? null : principal.account();
                default -> context.get(name);
            };
        }
    }

    /** An identity policy's answer: some Allow matches and no Deny does. */
    boolean allows(Request request) {
        return decision(request, false) == Decision.ALLOW;
    }

    /**
     * A resource policy's answer for a principal whose own IAM policies allow the request: an explicit Deny refuses
     * it; otherwise a matching Allow grants it, and in the resource's own account its IAM policies alone suffice.
     */
    boolean allowsWithIdentityPolicyAllowing(Request request, String resourceAccount) {
        Decision decision = decision(request, true);
        if (decision == Decision.DENY) {
            return false;
        }
        return decision == Decision.ALLOW || resourceAccount.equals(request.principal().account());
    }

    /** A role trust policy's answer: it must name the principal (or its account) itself; no Deny may match. */
    boolean trusts(Request request) {
        return decision(request, true) == Decision.ALLOW;
    }

    /** Every action some Allow statement names. */
    List<String> allowedActions() {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : statements) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                texts(statement.path("Action")).forEach(actions::add);
            }
        }
        return actions;
    }

    List<JsonNode> statements() {
        return statements;
    }

    private enum Decision { ALLOW, DENY, NONE }

    private Decision decision(Request request, boolean withPrincipal) {
        boolean allowed = false;
        for (JsonNode statement : statements) {
            if (!matches(statement, request, withPrincipal)) {
                continue;
            }
            if ("Deny".equals(statement.path("Effect").asText())) {
                return Decision.DENY;
            }
            allowed |= "Allow".equals(statement.path("Effect").asText());
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    private static boolean matches(JsonNode statement, Request request, boolean withPrincipal) {
        if (statement.has("NotAction") || statement.has("NotResource") || statement.has("NotPrincipal")) {
            throw new IllegalArgumentException("this check does not evaluate Not* elements: " + statement);
        }
        if (texts(statement.path("Action")).stream().noneMatch(a -> glob(a, request.action(), true))) {
            return false;
        }
        if (statement.has("Resource")
                && texts(statement.path("Resource")).stream().noneMatch(r -> glob(r, request.resource(), false))) {
            return false;
        }
        if (withPrincipal && !principalMatches(statement.path("Principal"), request.principal())) {
            return false;
        }
        return conditionsMatch(statement.path("Condition"), request);
    }

    private static boolean principalMatches(JsonNode principal, Principal who) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (String entry : texts(principal.path("AWS"))) {
            if (entry.equals("*") || entry.equals(who.arn()) || entry.equals(who.account())
                    || entry.equals("arn:aws:iam::" + who.account() + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsMatch(JsonNode condition, Request request) {
        for (Map.Entry<String, JsonNode> operator : iterable(condition)) {
            String op = operator.getKey();
            for (Map.Entry<String, JsonNode> key : iterable(operator.getValue())) {
                String actual = request.key(key.getKey());
                List<String> values = texts(key.getValue());
                boolean negated = op.contains("Not");
                if (actual == null) {
                    if (!negated) {
                        return false;
                    }
                    continue;
                }
                boolean any = values.stream().anyMatch(v -> switch (op) {
                    case "StringEquals", "StringNotEquals" -> v.equals(actual);
                    case "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike" ->
                            glob(v, actual, false);
                    case "Bool" -> v.equalsIgnoreCase(actual);
                    default -> throw new IllegalArgumentException("this check does not evaluate " + op);
                });
                if (any == negated) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one; actions ignore case. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    static List<String> texts(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> items.add(item.asText()));
        } else if (!node.isMissingNode()) {
            items.add(node.asText());
        }
        return items;
    }

    private static List<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        object.fields().forEachRemaining(entries::add);
        return entries;
    }
}
