package dev.offboarding.listtokens;

import dev.offboarding.iam.ConcurrentCalls;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.ActionDecision;
import dev.offboarding.model.AccessKeyLastUse;
import dev.offboarding.model.AttachedPolicy;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.InlinePolicy;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SigningCertificate;
import dev.offboarding.model.SshPublicKey;
import dev.offboarding.model.UserDetails;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes the inventory of one user: one list call per kind (every page), plus the last use of each access key and
 * the document of each inline policy. Only the user's own lists are read: no account-wide scan.
 *
 * <p>Three rounds, the calls of each side by side: GetUser; the nine lists; the details the lists point at, with the
 * simulation of the user's policies that says whether it can administer the account ({@link Privileges}). For a user
 * with one page of each kind that is three round trips whatever the number of items. GetUser goes first on its own
 * so that a missing user costs one call, not ten (a sweep or a re-run often finds the user already gone).
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
        Lists lists = Lists.read(iam, userName);
        List<Supplier<Object>> details = new ArrayList<>();
        lists.accessKeys().forEach(key -> details.add(() -> iam.accessKeyLastUsed(key.accessKeyId())));
        lists.inlinePolicyNames().forEach(name -> details.add(() -> iam.inlinePolicyDocument(userName, name)));
        details.add(() -> iam.simulate(user.get().arn(), Privileges.ESCALATION_ACTIONS,
                Privileges.AS_A_PERSON_WITH_MFA));
        List<Object> answers = ConcurrentCalls.all(details);
        @SuppressWarnings("unchecked")
        Optional<List<ActionDecision>> simulation = (Optional<List<ActionDecision>>) answers.get(answers.size() - 1);

        List<AccessKey> accessKeys = new ArrayList<>();
        for (int i = 0; i < lists.accessKeys().size(); i++) {
            accessKeys.add(lists.accessKeys().get(i).withLastUsed((AccessKeyLastUse) answers.get(i)));
        }
        List<InlinePolicy> inlinePolicies = new ArrayList<>();
        for (int i = 0; i < lists.inlinePolicyNames().size(); i++) {
            String name = lists.inlinePolicyNames().get(i);
            @SuppressWarnings("unchecked")
            Optional<String> document = (Optional<String>) answers.get(lists.accessKeys().size() + i);
            document.ifPresent(doc -> inlinePolicies.add(new InlinePolicy(name, doc)));
        }
        return new UserInventory(userName, true, user.get(),
                lists.loginProfile().orElse(null),
                accessKeys,
                lists.signingCertificates(),
                lists.sshPublicKeys(),
                lists.serviceSpecificCredentials(),
                lists.mfaDevices(),
                inlinePolicies,
                lists.attachedPolicies(),
                lists.groups(),
                null, false, false, false, Privileges.reasons(lists.attachedPolicies(), simulation), takenAt, null);
    }

    /** The second round: the nine lists, read side by side. */
    private record Lists(Optional<LoginProfile> loginProfile, List<AccessKey> accessKeys,
                         List<SigningCertificate> signingCertificates, List<SshPublicKey> sshPublicKeys,
                         List<ServiceSpecificCredential> serviceSpecificCredentials, List<MfaDevice> mfaDevices,
                         List<String> inlinePolicyNames, List<AttachedPolicy> attachedPolicies,
                         List<GroupMembership> groups) {

        @SuppressWarnings("unchecked")
        static Lists read(IamGateway iam, String userName) {
            List<Object> a = ConcurrentCalls.all(List.<Supplier<Object>>of(
                    () -> iam.loginProfile(userName),
                    () -> iam.accessKeys(userName),
                    () -> iam.signingCertificates(userName),
                    () -> iam.sshPublicKeys(userName),
                    () -> iam.serviceSpecificCredentials(userName),
                    () -> iam.mfaDevices(userName),
                    () -> iam.inlinePolicyNames(userName),
                    () -> iam.attachedPolicies(userName),
                    () -> iam.groups(userName)));
            return new Lists((Optional<LoginProfile>) a.get(0), (List<AccessKey>) a.get(1),
                    (List<SigningCertificate>) a.get(2), (List<SshPublicKey>) a.get(3),
                    (List<ServiceSpecificCredential>) a.get(4), (List<MfaDevice>) a.get(5), (List<String>) a.get(6),
                    (List<AttachedPolicy>) a.get(7), (List<GroupMembership>) a.get(8));
        }
    }
}
