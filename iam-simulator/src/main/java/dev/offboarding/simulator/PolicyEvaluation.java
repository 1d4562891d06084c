package dev.offboarding.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The small part of IAM's policy evaluation the simulator needs: Effect, Action (with * and ? wildcards), a few
 * condition operators for identity policies and, for trust policies, Principal. An explicit Deny wins over any Allow;
 * nothing allowed is an implicit deny. Resources, NotAction and NotPrincipal are not evaluated (a statement using
 * NotAction or NotPrincipal never matches); conditions in trust policies are not evaluated.
 */
final class PolicyEvaluation {

    enum Decision { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

    private static final Pattern CALLER_ROLE = Pattern.compile("arn:aws[\\w-]*:sts::(\\d{12}):assumed-role/([^/]+)/.+");
    private static final Pattern IAM_PRINCIPAL = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):(user|role)/(?:.*/)?([^/]+)");
    private static final Pattern ROOT = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):root");

    private PolicyEvaluation() {
    }

    /** The decision for {@code action} under every document in {@code documents} (identity policies), no context. */
    static Decision decide(Collection<String> documents, String action) {
        return decide(documents, action, Map.of(), new LinkedHashSet<>());
    }

    /**
     * The decision with condition values ({@code context}, keys in lower case). A statement's conditions are
     * evaluated for the operators Bool, String(Not)Equals, NumericLessThan/GreaterThan (and their IfExists forms);
     * a key the context lacks makes a condition false (true for IfExists) and is added to {@code missing}, as IAM's
     * simulation reports it in MissingContextValues. Another operator never holds, and its keys count as missing.
     */
    static Decision decide(Collection<String> documents, String action, Map<String, List<String>> context,
                           Set<String> missing) {
        Decision decision = Decision.IMPLICIT_DENY;
        for (String document : documents) {
            for (JsonNode s : statements(document)) {
                if (!matchesAction(s, action) || !conditionsHold(s.get("Condition"), context, missing)) {
                    continue;
                }
                if ("Deny".equals(s.path("Effect").asText())) {
                    return Decision.EXPLICIT_DENY;
                }
                if ("Allow".equals(s.path("Effect").asText())) {
                    decision = Decision.ALLOWED;
                }
            }
        }
        return decision;
    }

    private static boolean conditionsHold(JsonNode conditions, Map<String, List<String>> context, Set<String> missing) {
        if (conditions == null || !conditions.isObject()) {
            return true;
        }
        boolean all = true;
        for (var operators = conditions.fields(); operators.hasNext(); ) {
            var operator = operators.next();
            String name = operator.getKey();
            boolean ifExists = name.endsWith("IfExists");
            String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
            for (var keys = operator.getValue().fields(); keys.hasNext(); ) {
                var key = keys.next();
                String keyName = key.getKey();
                List<String> given = context.get(keyName.toLowerCase(Locale.ROOT));
                List<String> expected = values(key.getValue());
                if (given == null) {
                    missing.add(keyName);
                    all &= ifExists;
                } else {
                    all &= holds(base, given, expected);
                }
            }
        }
        return all;
    }

    private static boolean holds(String operator, List<String> given, List<String> expected) {
        switch (operator) {
            case "Bool":
                return given.stream().anyMatch(g -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(g)));
            case "StringEquals":
                return given.stream().anyMatch(expected::contains);
            case "StringNotEquals":
                return given.stream().noneMatch(expected::contains);
            case "NumericLessThan":
                return given.stream().anyMatch(g -> expected.stream()
                        .anyMatch(e -> Double.parseDouble(g) < Double.parseDouble(e)));
            case "NumericGreaterThan":
                return given.stream().anyMatch(g -> expected.stream()
                        .anyMatch(e -> Double.parseDouble(g) > Double.parseDouble(e)));
            default:
                return false;
        }
    }

    /** Whether a trust policy lets {@code callerArn} (an IAM user or STS assumed-role ARN) call sts:AssumeRole. */
    static boolean trusts(String trustPolicy, String callerArn) {
        Principal caller = Principal.of(callerArn);
        boolean allowed = false;
        for (JsonNode s : statements(trustPolicy)) {
            if (!matchesAction(s, "sts:AssumeRole") || !caller.matches(s.get("Principal"))) {
                continue;
            }
            if ("Deny".equals(s.path("Effect").asText())) {
                return false;
            }
            allowed |= "Allow".equals(s.path("Effect").asText());
        }
        return allowed;
    }

    private static boolean matchesAction(JsonNode statement, String action) {
        return values(statement.get("Action")).stream().anyMatch(a -> glob(a).matcher(action.toLowerCase(Locale.ROOT)).matches());
    }

    private static List<JsonNode> statements(String document) {
        List<JsonNode> out = new ArrayList<>();
        try {
            JsonNode statement = document == null ? null : PolicyDocuments.parse(document).get("Statement");
            if (statement != null && statement.isArray()) {
                statement.forEach(out::add);
            } else if (statement != null && statement.isObject()) {
                out.add(statement);
            }
        } catch (JsonProcessingException e) {
            // documents are checked when they are stored; an unreadable one grants nothing
        }
        return out;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isTextual()) {
            out.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** The caller as trust policies name it: its account, and its role or user (path ignored). */
    private record Principal(String accountId, String kind, String name) {

        static Principal of(String arn) {
            Matcher role = CALLER_ROLE.matcher(arn);
            if (role.matches()) {
                return new Principal(role.group(1), "role", role.group(2));
            }
            Matcher iam = IAM_PRINCIPAL.matcher(arn);
            if (iam.matches()) {
                return new Principal(iam.group(1), iam.group(2), iam.group(3));
            }
            return new Principal(null, null, null);
        }

        boolean matches(JsonNode principal) {
            if (principal == null) {
                return false;
            }
            if (principal.isTextual()) {
                return "*".equals(principal.asText());
            }
            return values(principal.get("AWS")).stream().anyMatch(this::matches);
        }

        private boolean matches(String trusted) {
            if ("*".equals(trusted) || (accountId != null && trusted.equals(accountId))) {
                return true;
            }
            Matcher root = ROOT.matcher(trusted);
            if (root.matches()) {
                return root.group(1).equals(accountId);
            }
            Matcher iam = IAM_PRINCIPAL.matcher(trusted);
            return iam.matches() && iam.group(1).equals(accountId) && iam.group(2).equals(kind)
                    && iam.group(3).equals(name);
        }
    }

    static Optional<String> accountOfRoleArn(String roleArn) {
        Matcher m = IAM_PRINCIPAL.matcher(roleArn);
        return m.matches() && "role".equals(m.group(2)) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
