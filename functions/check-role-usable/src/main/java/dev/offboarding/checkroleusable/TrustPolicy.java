package dev.offboarding.checkroleusable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a role's trust policy for one question: may this principal call sts:AssumeRole? A matching Allow
 * statement and no matching Deny. Principals are matched as IAM matches them for trust: a service by name, an
 * account by its id or root ARN (which trusts every principal of that account that its own policies allow), a
 * role or user by ARN, and "*". Conditions are not evaluated (a statement with a Condition counts as matching),
 * and NotPrincipal/NotAction statements are not counted as allowing: this answers "is it configured to", not
 * "will this request pass".
 */
final class TrustPolicy {
    private static final Pattern IAM_ARN = Pattern.compile("arn:[\\w-]+:iam::(\\d{12}):(.+)");

    private final List<JsonNode> statements;

    private TrustPolicy(List<JsonNode> statements) {
        this.statements = statements;
    }

    static TrustPolicy parse(String document) {
        List<JsonNode> statements = new ArrayList<>();
        try {
            JsonNode root = document == null ? null : Json.mapper().readTree(document);
            JsonNode statement = root == null ? null : root.get("Statement");
            if (statement != null && statement.isArray()) {
                statement.forEach(statements::add);
            } else if (statement != null && statement.isObject()) {
                statements.add(statement);
            }
        } catch (JsonProcessingException e) {
            // an unreadable document trusts nobody
        }
        return new TrustPolicy(statements);
    }

    boolean allows(String principal) {
        boolean allowed = false;
        for (JsonNode s : statements) {
            if (!matchesAssumeRole(s.get("Action")) || !matchesPrincipal(s.get("Principal"), principal)) {
                continue;
            }
            String effect = s.path("Effect").asText("");
            if ("Deny".equals(effect)) {
                return false;
            }
            allowed |= "Allow".equals(effect);
        }
        return allowed;
    }

    private static boolean matchesAssumeRole(JsonNode action) {
        return values(action).stream().anyMatch(a -> wildcard(a.toLowerCase(Locale.ROOT)).matcher("sts:assumerole").matches());
    }

    private static boolean matchesPrincipal(JsonNode principal, String wanted) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        boolean service = wanted.endsWith(".amazonaws.com") || wanted.endsWith(".amazonaws.com.cn");
        if (service) {
            return values(principal.get("Service")).stream().anyMatch(s -> s.equalsIgnoreCase(wanted));
        }
        return values(principal.get("AWS")).stream().anyMatch(p -> awsPrincipalMatches(p, wanted));
    }

    private static boolean awsPrincipalMatches(String trusted, String wanted) {
        if ("*".equals(trusted) || trusted.equals(wanted)) {
            return true;
        }
        String wantedAccount = accountOf(wanted);
        String trustedAccount = accountOf(trusted);
        boolean trustedIsAccount = trusted.matches("\\d{12}") || trusted.endsWith(":root");
        return trustedIsAccount && trustedAccount != null && trustedAccount.equals(wantedAccount);
    }

    private static String accountOf(String principal) {
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        Matcher m = IAM_ARN.matcher(principal);
        if (m.matches()) {
            return m.group(1);
        }
        Matcher sts = Pattern.compile("arn:[\\w-]+:sts::(\\d{12}):.+").matcher(principal);
        return sts.matches() ? sts.group(1) : null;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
