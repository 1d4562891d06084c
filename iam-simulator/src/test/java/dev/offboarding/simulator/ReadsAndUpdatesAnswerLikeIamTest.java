package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

class ReadsAndUpdatesAnswerLikeIamTest {

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock);

    @Test
    void requestObjectsAndBuilderConsumersReachTheSameCall() {
        IamClient client = sim;
        User viaRequest = client.getUser(GetUserRequest.builder().userName(USER).build()).user();
        User viaConsumer = client.getUser(r -> r.userName(USER)).user();

        assertEquals(viaRequest, viaConsumer);
        assertEquals(USER, viaRequest.userName());
        assertEquals("/", viaRequest.path());
        assertEquals(Fixtures.START, viaRequest.createDate());
        assertEquals(200, client.getUser(r -> r.userName(USER)).sdkHttpResponse().statusCode());
        assertEquals("iam", client.serviceName());
        assertEquals(3, sim.calls().count("GetUser"));
        String requestId = client.getUser(r -> r.userName(USER)).responseMetadata().requestId();
        assertTrue(requestId.matches("[0-9a-f-]{36}"), requestId);
    }

    @Test
    void getUserPolicyReturnsTheDocumentUrlEncodedAsIamDoes() {
        sim.putUserPolicy(r -> r.userName(USER).policyName("notes").policyDocument(Fixtures.POLICY));

        GetUserPolicyResponse policy = sim.getUserPolicy(r -> r.userName(USER).policyName("notes"));

        assertTrue(policy.policyDocument().startsWith("%7B%22Version%22%3A%20%222012-10-17%22%2C%20"),
                policy.policyDocument());
        assertEquals(Fixtures.POLICY, URLDecoder.decode(policy.policyDocument(), StandardCharsets.UTF_8));
        assertEquals(List.of("notes"), sim.listUserPolicies(r -> r.userName(USER)).policyNames());
        assertThrows(MalformedPolicyDocumentException.class,
                () -> sim.putUserPolicy(r -> r.userName(USER).policyName("bad").policyDocument("{not json")));
    }

    @Test
    void getAccessKeyLastUsedFindsTheKeyByIdAloneAndSaysNaWhenNeverUsed() {
        String keyId = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();

        var answer = sim.getAccessKeyLastUsed(r -> r.accessKeyId(keyId));

        assertEquals(USER, answer.userName());
        assertEquals("N/A", answer.accessKeyLastUsed().serviceName());
        assertEquals("N/A", answer.accessKeyLastUsed().region());
        assertEquals(null, answer.accessKeyLastUsed().lastUsedDate());
    }

    @Test
    void updatesChangeStatusBothWays() {
        String keyId = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.updateAccessKey(r -> r.userName(USER).accessKeyId(keyId).status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().get(0).status());
        sim.updateAccessKey(r -> r.userName(USER).accessKeyId(keyId).status(StatusType.ACTIVE));
        assertEquals(StatusType.ACTIVE, sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().get(0).status());

        String certId = sim.uploadSigningCertificate(r -> r.userName(USER).certificateBody(Fixtures.PEM))
                .certificate().certificateId();
        sim.updateSigningCertificate(r -> r.userName(USER).certificateId(certId).status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, sim.listSigningCertificates(r -> r.userName(USER)).certificates().get(0).status());

        String sshId = sim.uploadSSHPublicKey(r -> r.userName(USER).sshPublicKeyBody(Fixtures.SSH_KEY))
                .sshPublicKey().sshPublicKeyId();
        sim.updateSSHPublicKey(r -> r.userName(USER).sshPublicKeyId(sshId).status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, sim.listSSHPublicKeys(r -> r.userName(USER)).sshPublicKeys().get(0).status());

        String credId = sim.createServiceSpecificCredential(r -> r.userName(USER).serviceName("cassandra.amazonaws.com"))
                .serviceSpecificCredential().serviceSpecificCredentialId();
        sim.updateServiceSpecificCredential(r -> r.userName(USER).serviceSpecificCredentialId(credId)
                .status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, sim.listServiceSpecificCredentials(r -> r.userName(USER))
                .serviceSpecificCredentials().get(0).status());

        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> sim.updateAccessKey(r -> r.userName(USER).accessKeyId(keyId).status("Deleted")));
        assertEquals("ValidationError", bad.awsErrorDetails().errorCode());
    }

    @Test
    void serviceSpecificCredentialsCanBeFilteredByAnyServiceName() {
        for (String service : List.of("codecommit.amazonaws.com", "cassandra.amazonaws.com", "bedrock.amazonaws.com",
                "some-future-service.amazonaws.com")) {
            sim.createServiceSpecificCredential(r -> r.userName(USER).serviceName(service));
        }

        assertEquals(4, sim.listServiceSpecificCredentials(r -> r.userName(USER)).serviceSpecificCredentials().size());
        List<ServiceSpecificCredentialMetadata> bedrock = sim.listServiceSpecificCredentials(r -> r.userName(USER)
                .serviceName("bedrock.amazonaws.com")).serviceSpecificCredentials();
        assertEquals(1, bedrock.size());
        assertEquals(USER + "-at-123456789012", bedrock.get(0).serviceUserName());
    }

    @Test
    void listsReturnWhatWasAttached() {
        sim.attachUserPolicy(r -> r.userName(USER).policyArn(Fixtures.READ_ONLY));
        sim.attachUserPolicy(r -> r.userName(USER).policyArn(Fixtures.READ_ONLY));
        sim.attachUserPolicy(r -> r.userName(USER).policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaRole"));
        sim.createGroup(r -> r.groupName("developers"));
        sim.addUserToGroup(r -> r.groupName("developers").userName(USER));
        sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "qa")));
        sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("team", "platform")));

        var attached = sim.listAttachedUserPolicies(r -> r.userName(USER)).attachedPolicies();
        assertEquals(2, attached.size(), "attaching twice is harmless");
        assertEquals("ReadOnlyAccess", attached.get(0).policyName());
        assertEquals(1, sim.listAttachedUserPolicies(r -> r.userName(USER).pathPrefix("/service-role/"))
                .attachedPolicies().size());
        var group = sim.listGroupsForUser(r -> r.userName(USER)).groups().get(0);
        assertEquals("arn:aws:iam::123456789012:group/developers", group.arn());
        assertTrue(group.groupId().startsWith("AGPA"));
        assertEquals("platform", sim.listUserTags(r -> r.userName(USER)).tags().get(0).value());
        assertThrows(InvalidInputException.class, () -> sim.attachUserPolicy(r -> r.userName(USER).policyArn("ReadOnly")));
    }

    @Test
    void createCallsRefuseDuplicatesAndQuotasLikeIam() {
        assertThrows(EntityAlreadyExistsException.class, () -> sim.createUser(r -> r.userName(USER)));
        assertThrows(EntityAlreadyExistsException.class, () -> sim.createUser(r -> r.userName("LITTLE_TESTER")),
                "user names are case-insensitive");
        sim.createAccessKey(r -> r.userName(USER));
        sim.createAccessKey(r -> r.userName(USER));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> sim.createAccessKey(r -> r.userName(USER)));
        assertEquals("Cannot exceed quota for AccessKeysPerUser: 2", e.awsErrorDetails().errorMessage());
        sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-1"));
        assertThrows(EntityAlreadyExistsException.class,
                () -> sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-1")));
    }

    @Test
    void omittingUserNameMeansTheCallingUser() {
        sim.createUser(r -> r.userName("offboarding-operator"));
        sim.createAccessKey(r -> r.userName("offboarding-operator"));

        assertEquals("offboarding-operator", sim.getUser().user().userName());
        assertEquals(1, sim.listAccessKeys().accessKeyMetadata().size());
    }

    @Test
    void theLoginProfileReportsItsCreateDate() {
        clock.advance(Duration.ofMinutes(5));
        sim.createLoginProfile(r -> r.userName(USER).password("Correct-Horse-Battery-1").passwordResetRequired(true));

        var profile = sim.getLoginProfile(r -> r.userName(USER)).loginProfile();
        assertEquals(Fixtures.START.plus(Duration.ofMinutes(5)), profile.createDate());
        assertTrue(profile.passwordResetRequired());
        assertNotNull(profile.userName());
    }
}
