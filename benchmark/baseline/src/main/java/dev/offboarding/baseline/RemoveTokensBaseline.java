package dev.offboarding.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/** remove-tokens' IAM calls for an inventory, one after another, written as a starter project would write them. */
public class RemoveTokensBaseline implements RequestStreamHandler {
    // As AWS's IAM examples build it: builder defaults (apache-client, default credential and region chains).
    private final IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode inventory = mapper.readTree(input).get("inventory");
        String user = inventory.get("userName").asText();
        List<Object> items = new ArrayList<>();
        for (JsonNode key : inventory.path("accessKeys")) {
            if ("Active".equals(key.path("status").asText())) {
                iam.updateAccessKey(r -> r.userName(user).accessKeyId(key.get("accessKeyId").asText())
                        .status(StatusType.INACTIVE));
            }
        }
        if (!inventory.path("loginProfile").isMissingNode() && !inventory.path("loginProfile").isNull()) {
            iam.deleteLoginProfile(r -> r.userName(user));
            items.add(Map.of("kind", "LOGIN_PROFILE", "id", user, "action", "DELETED"));
        }
        for (JsonNode key : inventory.path("accessKeys")) {
            iam.deleteAccessKey(r -> r.userName(user).accessKeyId(key.get("accessKeyId").asText()));
            items.add(Map.of("kind", "ACCESS_KEY", "id", key.get("accessKeyId").asText(), "action", "DELETED"));
        }
        for (JsonNode certificate : inventory.path("signingCertificates")) {
            iam.deleteSigningCertificate(r -> r.userName(user).certificateId(certificate.get("certificateId").asText()));
        }
        for (JsonNode key : inventory.path("sshPublicKeys")) {
            iam.deleteSSHPublicKey(r -> r.userName(user).sshPublicKeyId(key.get("sshPublicKeyId").asText()));
        }
        for (JsonNode credential : inventory.path("serviceSpecificCredentials")) {
            iam.deleteServiceSpecificCredential(r -> r.userName(user)
                    .serviceSpecificCredentialId(credential.get("serviceSpecificCredentialId").asText()));
        }
        for (JsonNode device : inventory.path("mfaDevices")) {
            String serial = device.get("serialNumber").asText();
            iam.deactivateMFADevice(r -> r.userName(user).serialNumber(serial));
            if (serial.startsWith("arn:")) {
                iam.deleteVirtualMFADevice(r -> r.serialNumber(serial));
            }
            items.add(Map.of("kind", "MFA_DEVICE", "id", serial, "action", "DELETED"));
        }
        for (JsonNode policy : inventory.path("inlinePolicies")) {
            iam.deleteUserPolicy(r -> r.userName(user).policyName(policy.get("policyName").asText()));
        }
        for (JsonNode policy : inventory.path("attachedPolicies")) {
            iam.detachUserPolicy(r -> r.userName(user).policyArn(policy.get("policyArn").asText()));
        }
        for (JsonNode group : inventory.path("groups")) {
            iam.removeUserFromGroup(r -> r.userName(user).groupName(group.get("groupName").asText()));
        }
        mapper.writeValue(output, Map.of("userName", user, "items", items));
    }
}
