package dev.offboarding.model;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.Blocker.Names;
import dev.offboarding.model.ItemRules.Quota;
import dev.offboarding.model.Step.Verb;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The nine things that make IAM answer DeleteConflict to DeleteUser while they remain, in the one order the product
 * knows them by: the inventory's, the results', the checks'. Each kind's {@link Blocker} (in {@link Kinds}) says,
 * once, how it is read, checked, locked out and removed, which IAM actions that takes, what it is called and how
 * IAM's DeleteConflict message names it.
 *
 * <p>remove-tokens first denies the user every action ({@link DenyAll}), then acts {@link Round} by round: it
 * deactivates what can be reactivated, then (REMOVE) deletes the console password, removes everything else and lifts
 * the deny; within a round, kind by kind in this order.
 *
 * <p>The quotas are IAM's per user (IAM and STS quotas, IAM User Guide) or, where a quota can be raised, its highest
 * value: access keys 2, signing certificates 2, SSH public keys 5, groups 10 (none adjustable); MFA devices 8 (up to
 * eight of any type per user); managed policies attached 20 (10 by default, at most 20). Service-specific
 * credentials: 2 per service ({@link #MAX_PER_SERVICE}), for a handful of services (CodeCommit, Keyspaces, Bedrock), so
 * 20 in all leaves room for more. Inline policies have no count quota but share 2,048 characters per user, and each
 * takes at least 16 ({@code {"Statement":[]}}): 128.
 */
public enum BlockerKind {
    LOGIN_PROFILE(Kinds.LOGIN_PROFILE),
    ACCESS_KEY(Kinds.ACCESS_KEY),
    SIGNING_CERTIFICATE(Kinds.SIGNING_CERTIFICATE),
    SSH_PUBLIC_KEY(Kinds.SSH_PUBLIC_KEY),
    SERVICE_SPECIFIC_CREDENTIAL(Kinds.SERVICE_SPECIFIC_CREDENTIAL),
    MFA_DEVICE(Kinds.MFA_DEVICE),
    INLINE_POLICY(Kinds.INLINE_POLICY),
    ATTACHED_POLICY(Kinds.ATTACHED_POLICY),
    GROUP_MEMBERSHIP(Kinds.GROUP_MEMBERSHIP);

    /** At most this many service-specific credentials per service and user. */
    public static final int MAX_PER_SERVICE = 2;

    private final Blocker<?> blocker;

    BlockerKind(Blocker<?> blocker) {
        this.blocker = blocker;
    }

    /** One item, e.g. "access key". */
    public String description() {
        return blocker.names().description();
    }

    /** Its items, e.g. "access keys"; "console password" (a user has one at most). */
    public String plural() {
        return blocker.names().plural();
    }

    /** The words of IAM's DeleteConflict message for this kind, in lower case, e.g. "tokens" for the credentials. */
    public String conflictPhrase() {
        return blocker.names().conflictPhrase();
    }

    /** What a DeleteConflict for this kind is said to name, e.g. "attached managed policies". */
    public String conflictName() {
        return blocker.names().conflictName();
    }

    /** The IAM actions list-tokens and remove-tokens call for this kind, in the order they would. */
    public List<String> iamActions() {
        return blocker.iamActions();
    }

    /** How many items of this kind the inventory lists. */
    public int count(UserInventory inventory) {
        return blocker.itemsOf(inventory).size();
    }

    /** The inventory's items of this kind, with their ids. */
    public BlockerItems<?> itemsOf(UserInventory inventory) {
        return blocker.blockerItems(this, inventory);
    }

    /** list-tokens: the user's items of this kind as IAM lists them. */
    public Listing<?> list(IamGateway iam, String userName) {
        return blocker.listing(iam, userName);
    }

    /**
     * Whether a lock-out deactivates items of this kind and a reinstate can turn them on again: access keys, signing
     * certificates, SSH public keys and service-specific credentials.
     */
    public boolean reactivatable() {
        return blocker.reactivatable();
    }

    /**
     * A reinstate: turns the user's item of this kind on again ({@link Removal#ALREADY_ABSENT}: IAM no longer has it).
     *
     * @throws UnsupportedOperationException for a kind that is not {@link #reactivatable}
     */
    public Removal reactivate(IamGateway iam, String userName, String id) {
        return blocker.reactivate(iam, userName, id);
    }

    /** The status ("Active", "Inactive") the inventory lists for the item of that id; empty if it has none. */
    public Optional<String> statusIn(UserInventory inventory, String id) {
        return blocker.statusIn(inventory, id);
    }

    /** Adds every problem of the inventory's items of this kind, each named by its path under {@code inventoryPath}. */
    public void check(String inventoryPath, UserInventory inventory, List<String> problems) {
        blocker.check(inventoryPath, inventory, problems);
    }

    /**
     * LOCK_OUT, once the deny is attached ({@link DenyAll}): deactivate the credentials that can be reactivated (access
     * keys, signing certificates, SSH public keys, service-specific credentials), kind by kind. The console password is
     * kept.
     */
    public static List<Step> lockOutPlan(IamGateway iam, UserInventory inventory) {
        return inRounds(kind -> kind.blocker.lockOutSteps(kind, iam, inventory));
    }

    /**
     * REMOVE, once the deny is attached: deactivate every access key that may be active, then delete the console
     * password, then remove everything the inventory lists but the deny, then lift the deny. Round by round, kind by
     * kind.
     *
     * @param alreadyDeactivated the ids of items an earlier attempt of this execution deactivated (virtual MFA devices
     *                           no longer assigned): only their deletion is left
     * @param deny               the deny this round attached (null if none: the user is gone)
     */
    public static List<Step> removalPlan(IamGateway iam, UserInventory inventory, Set<String> alreadyDeactivated,
                                         DenyAttachment deny) {
        List<Step> steps = new java.util.ArrayList<>(inRounds(kind -> kind.blocker.removalSteps(kind, iam, inventory,
                alreadyDeactivated)));
        steps.removeIf(step -> DenyAll.isTheDeny(step, deny));
        DenyAll.lift(iam, inventory.userName(), deny).ifPresent(steps::add);
        return List.copyOf(steps);
    }

    /**
     * What a round of {@code mode} will do to the inventory, item by item, in the order it does it, without calling
     * IAM: a dry run's answer, and the intent an offboarding record holds before the round runs. The deny it attaches
     * first is {@link DenyAll#planned}. A virtual MFA device recovered from an earlier run's record
     * ({@link MfaDevice#recoveredFrom}) is only deleted.
     */
    public static List<RemovedItem> plannedItems(RemovalMode mode, UserInventory inventory) {
        // The steps are planned, never run: no IAM client is needed.
        IamGateway planOnly = new IamGateway(null);
        List<Step> steps = mode == RemovalMode.LOCK_OUT ? lockOutPlan(planOnly, inventory)
                : removalPlan(planOnly, inventory, inventory.mfaDevices().stream()
                        .filter(device -> device.recoveredFrom() != null).map(MfaDevice::serialNumber)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()), DenyAll.planned(inventory));
        return steps.stream().filter(Step::reported).map(RemovedItem::planned).toList();
    }

    private static List<Step> inRounds(Function<BlockerKind, List<Step>> stepsOfKind) {
        // A stable sort: within a round the steps keep the kinds' order, and within a kind the inventory's.
        return Arrays.stream(values()).flatMap(kind -> stepsOfKind.apply(kind).stream())
                .sorted(Comparator.comparing(Step::round)).toList();
    }

    private static void atMostTwoPerService(String list, List<ServiceSpecificCredential> credentials,
                                            List<String> problems) {
        Map<String, Integer> perService = new HashMap<>();
        for (ServiceSpecificCredential credential : credentials) {
            if (credential != null && credential.serviceName() != null) {
                perService.merge(credential.serviceName(), 1, Integer::sum);
            }
        }
        perService.forEach((service, count) -> {
            if (count > MAX_PER_SERVICE) {
                problems.add(list + " has " + count + " credentials for "
                        + (service.matches("[a-z0-9.-]{1,64}") ? service : "one service") + "; IAM lets a user have"
                        + " at most " + MAX_PER_SERVICE + " per service: take the inventory again with list-tokens");
            }
        });
    }

    /** Each kind's {@link Blocker}: everything the product knows of the kind, and the only place it says it. */
    private static final class Kinds {
        static final Blocker<LoginProfile> LOGIN_PROFILE = new Blocker<>(
                new Names("console password", "console password", Phrase.LOGIN_PROFILE,
                        "the console password (login profile)"),
                List.of("GetLoginProfile", "DeleteLoginProfile"),
                "loginProfile",
                inventory -> inventory.loginProfile() == null ? List.of() : List.of(inventory.loginProfile()),
                (found, profile) -> found.loginProfile = profile.isEmpty() ? null : profile.get(0),
                null) {
            @Override
            String id(String userName, LoginProfile profile) {
                return userName;
            }

            @Override
            List<LoginProfile> list(IamGateway iam, String userName) {
                return iam.loginProfile(userName).stream().toList();
            }

            /** A lock-out keeps the password: behind the deny it grants nothing, and a reinstate needs it. */
            @Override
            List<Step> removal(IamGateway iam, String userName, LoginProfile profile, boolean alreadyDeactivated,
                               Step.Of steps) {
                return List.of(steps.in(Round.DELETE_PASSWORD, Verb.DELETE,
                        partly -> iam.deleteLoginProfile(userName)).retriedWhileUnmodifiable());
            }
        };

        static final Blocker<AccessKey> ACCESS_KEY = new Blocker.Credential<>(
                Names.of("access key", "access keys", Phrase.TOKENS),
                List.of("ListAccessKeys", "GetAccessKeyLastUsed", "UpdateAccessKey", "DeleteAccessKey"),
                "accessKeys", UserInventory::accessKeys,
                (found, keys) -> found.accessKeys = keys,
                ItemRules.of("accessKeyId", AccessKey::accessKeyId, Ids.ACCESS_KEY_ID, new Quota(2, "access keys"))
                        .withStatus(AccessKey::status)) {
            @Override
            List<AccessKey> list(IamGateway iam, String userName) {
                return iam.accessKeys(userName);
            }

            @Override
            Optional<Detail<AccessKey>> detail() {
                return Optional.of((iam, userName, key) ->
                        Optional.of(key.withLastUsed(iam.accessKeyLastUsed(key.accessKeyId()))));
            }

            @Override
            Removal deactivate(IamGateway iam, String userName, String id) {
                return iam.deactivateAccessKey(userName, id);
            }

            @Override
            Removal activate(IamGateway iam, String userName, String id) {
                return iam.activateAccessKey(userName, id);
            }

            @Override
            Removal delete(IamGateway iam, String userName, String id) {
                return iam.deleteAccessKey(userName, id);
            }

            /**
             * A key that may be active (its status not given, too) is deactivated, unreported, before anything
             * is deleted: then no key works any more if a later step fails.
             */
            @Override
            List<Step> removal(IamGateway iam, String userName, AccessKey key, boolean alreadyDeactivated,
                               Step.Of steps) {
                List<Step> deleted = super.removal(iam, userName, key, alreadyDeactivated, steps);
                if ("Inactive".equals(key.status())) {
                    return deleted;
                }
                return List.of(lockOut(iam, userName, key, steps).get(0).unreported(), deleted.get(0));
            }
        };

        static final Blocker<SigningCertificate> SIGNING_CERTIFICATE = new Blocker.Credential<>(
                Names.of("signing certificate", "signing certificates", Phrase.TOKENS),
                List.of("ListSigningCertificates", "UpdateSigningCertificate", "DeleteSigningCertificate"),
                "signingCertificates", UserInventory::signingCertificates,
                (found, certificates) -> found.signingCertificates = certificates,
                ItemRules.of("certificateId", SigningCertificate::certificateId, Ids.CERTIFICATE_ID,
                        new Quota(2, "signing certificates")).withStatus(SigningCertificate::status)) {
            @Override
            List<SigningCertificate> list(IamGateway iam, String userName) {
                return iam.signingCertificates(userName);
            }

            @Override
            Removal deactivate(IamGateway iam, String userName, String id) {
                return iam.deactivateSigningCertificate(userName, id);
            }

            @Override
            Removal activate(IamGateway iam, String userName, String id) {
                return iam.activateSigningCertificate(userName, id);
            }

            @Override
            Removal delete(IamGateway iam, String userName, String id) {
                return iam.deleteSigningCertificate(userName, id);
            }
        };

        static final Blocker<SshPublicKey> SSH_PUBLIC_KEY = new Blocker.Credential<>(
                Names.of("SSH public key", "SSH public keys", Phrase.TOKENS),
                List.of("ListSSHPublicKeys", "UpdateSSHPublicKey", "DeleteSSHPublicKey"),
                "sshPublicKeys", UserInventory::sshPublicKeys,
                (found, keys) -> found.sshPublicKeys = keys,
                ItemRules.of("sshPublicKeyId", SshPublicKey::sshPublicKeyId, Ids.SSH_PUBLIC_KEY_ID,
                        new Quota(5, "SSH public keys")).withStatus(SshPublicKey::status)) {
            @Override
            List<SshPublicKey> list(IamGateway iam, String userName) {
                return iam.sshPublicKeys(userName);
            }

            @Override
            Removal deactivate(IamGateway iam, String userName, String id) {
                return iam.deactivateSshPublicKey(userName, id);
            }

            @Override
            Removal activate(IamGateway iam, String userName, String id) {
                return iam.activateSshPublicKey(userName, id);
            }

            @Override
            Removal delete(IamGateway iam, String userName, String id) {
                return iam.deleteSshPublicKey(userName, id);
            }
        };

        static final Blocker<ServiceSpecificCredential> SERVICE_SPECIFIC_CREDENTIAL = new Blocker.Credential<>(
                Names.of("service-specific credential", "service-specific credentials", Phrase.TOKENS),
                List.of("ListServiceSpecificCredentials", "UpdateServiceSpecificCredential",
                        "DeleteServiceSpecificCredential"),
                "serviceSpecificCredentials",
                UserInventory::serviceSpecificCredentials,
                (found, credentials) -> found.serviceSpecificCredentials = credentials,
                ItemRules.of("serviceSpecificCredentialId", ServiceSpecificCredential::serviceSpecificCredentialId,
                                Ids.SERVICE_SPECIFIC_CREDENTIAL_ID, new Quota(20, "service-specific credentials"))
                        .withStatus(ServiceSpecificCredential::status).and(BlockerKind::atMostTwoPerService)) {
            @Override
            List<ServiceSpecificCredential> list(IamGateway iam, String userName) {
                return iam.serviceSpecificCredentials(userName);
            }

            @Override
            Removal deactivate(IamGateway iam, String userName, String id) {
                return iam.deactivateServiceSpecificCredential(userName, id);
            }

            @Override
            Removal activate(IamGateway iam, String userName, String id) {
                return iam.activateServiceSpecificCredential(userName, id);
            }

            @Override
            Removal delete(IamGateway iam, String userName, String id) {
                return iam.deleteServiceSpecificCredential(userName, id);
            }
        };

        static final Blocker<MfaDevice> MFA_DEVICE = new Blocker<>(
                Names.of("MFA device", "MFA devices", Phrase.MFA_DEVICE),
                List.of("ListMFADevices", "DeactivateMFADevice", "DeleteVirtualMFADevice"),
                "mfaDevices", UserInventory::mfaDevices,
                (found, devices) -> found.mfaDevices = devices,
                ItemRules.of("serialNumber", MfaDevice::serialNumber, Ids.SERIAL_NUMBER,
                        new Quota(8, "MFA devices"))) {
            @Override
            List<MfaDevice> list(IamGateway iam, String userName) {
                return iam.mfaDevices(userName);
            }

            /**
             * Deactivation detaches an MFA device from the user. A virtual device then still exists, unassigned,
             * and would block re-enrolment under its name: it is deleted too, right after, in the same step. Its
             * serial is in the inventory, so no account-wide scan. Hardware and FIDO devices go with deactivation.
             */
            @Override
            List<Step> removal(IamGateway iam, String userName, MfaDevice device, boolean alreadyDeactivated,
                               Step.Of steps) {
                String serial = device.serialNumber();
                if (!device.virtual()) {
                    return List.of(steps.in(Round.REMOVE, Verb.DEACTIVATE,
                            partly -> iam.deactivateMfaDevice(userName, serial)));
                }
                if (alreadyDeactivated) {
                    return List.of(steps.in(Round.REMOVE, Verb.DELETE,
                            partly -> iam.deleteVirtualMfaDevice(serial)));
                }
                return List.of(steps.in(Round.REMOVE, Verb.DELETE, partly -> {
                    Removal deactivated = iam.deactivateMfaDevice(userName, serial);
                    if (deactivated == Removal.DONE) {
                        partly.accept(Verb.DEACTIVATE);
                    }
                    Removal deleted = iam.deleteVirtualMfaDevice(serial);
                    return deactivated == Removal.DONE || deleted == Removal.DONE ? Removal.DONE
                            : Removal.ALREADY_ABSENT;
                }));
            }
        };

        static final Blocker<InlinePolicy> INLINE_POLICY = new Blocker<>(
                Names.of("inline policy", "inline policies", Phrase.INLINE_POLICY),
                List.of("ListUserPolicies", "GetUserPolicy", "DeleteUserPolicy"),
                "inlinePolicies", UserInventory::inlinePolicies,
                (found, policies) -> found.inlinePolicies = policies,
                ItemRules.of("policyName", InlinePolicy::policyName, Ids.POLICY_NAME,
                        new Quota(128, "inline policies"))) {
            /** The names only: each document is read in the third round. */
            @Override
            List<InlinePolicy> list(IamGateway iam, String userName) {
                return iam.inlinePolicyNames(userName).stream().map(name -> new InlinePolicy(name, null)).toList();
            }

            /** A policy deleted since it was listed is left out. */
            @Override
            Optional<Detail<InlinePolicy>> detail() {
                return Optional.of((iam, userName, policy) -> iam
                        .inlinePolicyDocument(userName, policy.policyName())
                        .map(document -> new InlinePolicy(policy.policyName(), document)));
            }

            @Override
            List<Step> removal(IamGateway iam, String userName, InlinePolicy policy, boolean alreadyDeactivated,
                               Step.Of steps) {
                return List.of(steps.in(Round.REMOVE, Verb.DELETE,
                        partly -> iam.deleteInlinePolicy(userName, policy.policyName())));
            }
        };

        static final Blocker<AttachedPolicy> ATTACHED_POLICY = new Blocker<>(
                Names.of("attached managed policy", "attached managed policies", Phrase.ATTACHED_POLICY),
                List.of("ListAttachedUserPolicies", "DetachUserPolicy"),
                "attachedPolicies", UserInventory::attachedPolicies,
                (found, policies) -> found.attachedPolicies = policies,
                ItemRules.of("policyArn", AttachedPolicy::policyArn, new IdRule.ManagedPolicyArn(),
                        new Quota(20, "attached managed policies"))) {
            @Override
            List<AttachedPolicy> list(IamGateway iam, String userName) {
                return iam.attachedPolicies(userName);
            }

            @Override
            List<Step> removal(IamGateway iam, String userName, AttachedPolicy policy, boolean alreadyDeactivated,
                               Step.Of steps) {
                return List.of(steps.in(Round.REMOVE, Verb.DETACH,
                        partly -> iam.detachPolicy(userName, policy.policyArn())));
            }
        };

        static final Blocker<GroupMembership> GROUP_MEMBERSHIP = new Blocker<>(
                Names.of("group membership", "group memberships", Phrase.GROUP_MEMBERSHIP),
                List.of("ListGroupsForUser", "RemoveUserFromGroup"),
                "groups", UserInventory::groups,
                (found, groups) -> found.groups = groups,
                // Group names are unique regardless of case: "Admins" and "admins" are the same group.
                ItemRules.of("groupName", GroupMembership::groupName, Ids.GROUP_NAME, new Quota(10, "groups"))
                        .idIgnoringCase()) {
            @Override
            List<GroupMembership> list(IamGateway iam, String userName) {
                return iam.groups(userName);
            }

            @Override
            List<Step> removal(IamGateway iam, String userName, GroupMembership group, boolean alreadyDeactivated,
                               Step.Of steps) {
                return List.of(steps.in(Round.REMOVE, Verb.REMOVE,
                        partly -> iam.removeFromGroup(userName, group.groupName())));
            }
        };
    }

    /** The words of IAM's DeleteConflict messages ("Cannot delete entity, must ... first."), in lower case. */
    private static final class Phrase {
        static final String LOGIN_PROFILE = "login profile";
        /** "must remove tokens from principal first": any of the four kinds of credential. */
        static final String TOKENS = "tokens";
        static final String MFA_DEVICE = "mfa";
        static final String INLINE_POLICY = "delete policies";
        static final String ATTACHED_POLICY = "detach";
        static final String GROUP_MEMBERSHIP = "group";
    }

    /** IAM's {@code accessKeyIdType}, {@code certificateIdType}, {@code publicKeyIdType}, ... */
    private static final class Ids {
        private static final String WORD = "letters, digits or _";
        private static final String NAME = "letters, digits or + = , . @ _ -";
        static final IdRule ACCESS_KEY_ID = IdRule.characters("AccessKeyId", "\\w", WORD, 16, 128,
                "AKIAIOSFODNN7EXAMPLE");
        static final IdRule CERTIFICATE_ID = IdRule.characters("CertificateId", "\\w", WORD, 24, 128,
                "TA7SMP42TDN5Z26OBPJE7EXAMPLE");
        static final IdRule SSH_PUBLIC_KEY_ID = IdRule.characters("SSHPublicKeyId", "\\w", WORD, 20, 128,
                "APKAEIBAERJR2EXAMPLE");
        static final IdRule SERVICE_SPECIFIC_CREDENTIAL_ID = IdRule.characters("ServiceSpecificCredentialId", "\\w",
                WORD, 20, 128, "ACCAEXAMPLE123EXAMPLE");
        static final IdRule SERIAL_NUMBER = IdRule.characters("SerialNumber", "[\\w+=/:,.@-]",
                "letters, digits or + = / : , . @ _ -", 9, 256, "arn:aws:iam::123456789012:mfa/little_tester");
        static final IdRule POLICY_NAME = IdRule.characters("PolicyName", "[\\w+=,.@-]", NAME, 1, 128, "s3-read");
        static final IdRule GROUP_NAME = IdRule.characters("GroupName", "[\\w+=,.@-]", NAME, 1, 128, "developers");
    }
}
