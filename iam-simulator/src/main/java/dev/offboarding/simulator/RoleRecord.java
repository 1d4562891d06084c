package dev.offboarding.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.iam.model.Role;

/** A role: its trust policy, its inline policies, and from when STS lets anyone assume it. */
final class RoleRecord {

    final String path;
    final String name;
    final String roleId;
    final String arn;
    final Instant createDate;
    String trustPolicy;
    final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    /** Before this instant STS answers AccessDenied to every AssumeRole: the role has not propagated yet. */
    Instant usableAt;

    RoleRecord(String path, String name, String roleId, String arn, Instant createDate, String trustPolicy,
               Instant usableAt) {
        this.path = path;
        this.name = name;
        this.roleId = roleId;
        this.arn = arn;
        this.createDate = createDate;
        this.trustPolicy = trustPolicy;
        this.usableAt = usableAt;
    }

    static String arnFor(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    Role toSdk() {
        return Role.builder().path(path).roleName(name).roleId(roleId).arn(arn).createDate(createDate)
                .assumeRolePolicyDocument(PolicyDocuments.urlEncoded(trustPolicy)).build();
    }
}
