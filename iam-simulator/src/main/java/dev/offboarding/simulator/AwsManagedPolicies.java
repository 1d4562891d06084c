package dev.offboarding.simulator;

import java.util.Map;

/**
 * The AWS managed policies whose documents the simulator knows (every partition's ARN). Others attach and detach like
 * any policy but grant nothing when a principal's policies are simulated.
 */
final class AwsManagedPolicies {
    static final Map<String, String> DOCUMENTS = Map.of(
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            "arn:aws:iam::aws:policy/IAMFullAccess",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:*\","
                    + "\"organizations:DescribeAccount\",\"organizations:DescribeOrganization\"],\"Resource\":\"*\"}]}",
            "arn:aws:iam::aws:policy/AWSDenyAll",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"*:Get*\",\"*:List*\","
                    + "\"*:Describe*\"],\"Resource\":\"*\"}]}");

    private AwsManagedPolicies() {
    }
}
