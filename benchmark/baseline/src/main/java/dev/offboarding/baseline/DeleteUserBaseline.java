package dev.offboarding.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** delete-user's one DeleteUser call, written as a starter project would write it. */
public class DeleteUserBaseline implements RequestStreamHandler {
    // As AWS's IAM examples build it: builder defaults (apache-client, default credential and region chains).
    private final IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String user = mapper.readTree(input).get("userName").asText();
        iam.deleteUser(r -> r.userName(user));
        mapper.writeValue(output, Map.of("userName", user, "outcome", "DELETED"));
    }
}
