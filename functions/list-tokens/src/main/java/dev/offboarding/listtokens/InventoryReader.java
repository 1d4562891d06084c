package dev.offboarding.listtokens;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.InlinePolicy;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes the inventory of one user: one list call per kind (every page), plus the last use of each access key and
 * the document of each inline policy. Only the user's own lists are read: no account-wide scan.
 */
final class InventoryReader {
    private final IamGateway iam;

    InventoryReader(IamGateway iam) {
        this.iam = iam;
    }

    UserInventory read(String userName, Instant takenAt) {
        Optional<UserDetails> user = iam.user(userName);
        if (user.isEmpty()) {
            return UserInventory.absent(userName, takenAt);
        }
        List<AccessKey> accessKeys = iam.accessKeys(userName).stream()
                .map(key -> key.withLastUsed(iam.accessKeyLastUsed(key.accessKeyId())))
                .toList();
        List<InlinePolicy> inlinePolicies = iam.inlinePolicyNames(userName).stream()
                .flatMap(name -> iam.inlinePolicyDocument(userName, name).map(doc -> new InlinePolicy(name, doc)).stream())
                .toList();
        return new UserInventory(userName, true, user.get(),
                iam.loginProfile(userName).orElse(null),
                accessKeys,
                iam.signingCertificates(userName),
                iam.sshPublicKeys(userName),
                iam.serviceSpecificCredentials(userName),
                iam.mfaDevices(userName),
                inlinePolicies,
                iam.attachedPolicies(userName),
                iam.groups(userName),
                null, false, false, takenAt);
    }
}
