package dev.offboarding.deployment;

import java.util.HashMap;
import java.util.Map;

/**
 * The parameter values the checks deploy template.yaml with (home account {@value Stack#ACCOUNT_ID}): the required
 * senders, and the three ways of acting in other accounts besides none.
 */
final class Deployments {
    /** The HR system's role in the home account. */
    static final String SENDER_ROLE = "arn:aws:iam::123456789012:role/hr-offboarding-sender";
    /** An identity system's account: any of its principals may send. */
    static final String SENDER_ACCOUNT = "444455556666";
    static final String MEMBER_A = "111111111111";
    static final String MEMBER_B = "222222222222";
    static final String ORGANIZATION = "o-exampleorg01";

    private Deployments() {
    }

    /** Only the required parameters: acts in its own account only. */
    static Map<String, String> homeOnly() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("OffboardingEventSenders", SENDER_ROLE + "," + SENDER_ACCOUNT);
        parameters.put("OffboardingEventSenderAccountIds", Stack.ACCOUNT_ID + "," + SENDER_ACCOUNT);
        return parameters;
    }

    static Map<String, String> memberAccounts() {
        return with(homeOnly(), "MemberAccountIds", MEMBER_A + "," + MEMBER_B);
    }

    static Map<String, String> organization() {
        return with(homeOnly(), "OrganizationId", ORGANIZATION);
    }

    static Map<String, String> memberAccountsOfTheOrganization() {
        return with(memberAccounts(), "OrganizationId", ORGANIZATION);
    }

    static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> copy = new HashMap<>(parameters);
        copy.put(name, value);
        return copy;
    }

    static Template deployed(String template, Map<String, String> parameters) {
        return Stack.of(Template.parse(template), parameters).deployed();
    }
}
