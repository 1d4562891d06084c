package dev.offboarding.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never opens a connection: it answers every IAM request in memory with a small, well-formed
 * answer in IAM's XML (one item per list, where the functions read one). Priming sends the functions' real requests
 * through it, so that signing, marshalling and unmarshalling are loaded and compiled before a snapshot without
 * reaching IAM and without changing anything.
 */
final class CannedIamHttpClient implements SdkHttpClient {
    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String DATE = "2025-01-01T00:00:00Z";
    private static final Map<String, String> RESULTS = Map.of(
            "GetUser", "<User><Path>/</Path><UserName>priming</UserName><UserId>AIDAPRIMING000000000</UserId>"
                    + "<Arn>arn:aws:iam::123456789012:user/priming</Arn><CreateDate>" + DATE + "</CreateDate>"
                    + "<Tags><member><Key>team</Key><Value>priming</Value></member></Tags></User>",
            "ListAccessKeys", "<AccessKeyMetadata><member><UserName>priming</UserName>"
                    + "<AccessKeyId>AKIAPRIMING000000000</AccessKeyId><Status>Active</Status><CreateDate>" + DATE
                    + "</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>",
            "GetAccessKeyLastUsed", "<UserName>priming</UserName><AccessKeyLastUsed><LastUsedDate>" + DATE
                    + "</LastUsedDate><ServiceName>iam</ServiceName><Region>us-east-1</Region></AccessKeyLastUsed>",
            "ListUserPolicies", "<PolicyNames><member>priming</member></PolicyNames><IsTruncated>false</IsTruncated>",
            "GetUserPolicy", "<UserName>priming</UserName><PolicyName>priming</PolicyName>"
                    + "<PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</PolicyDocument>",
            "GetLoginProfile", "<LoginProfile><UserName>priming</UserName><CreateDate>" + DATE
                    + "</CreateDate><PasswordResetRequired>false</PasswordResetRequired></LoginProfile>",
            "SimulatePrincipalPolicy", "<EvaluationResults><member><EvalActionName>iam:PutUserPolicy</EvalActionName>"
                    + "<EvalResourceName>*</EvalResourceName><EvalDecision>implicitDeny</EvalDecision>"
                    + "<MatchedStatements/></member></EvaluationResults><IsTruncated>false</IsTruncated>",
            "ListMFADevices", "<MFADevices><member><UserName>priming</UserName>"
                    + "<SerialNumber>arn:aws:iam::123456789012:mfa/priming</SerialNumber><EnableDate>" + DATE
                    + "</EnableDate></member></MFADevices><IsTruncated>false</IsTruncated>");

    private final List<String> answered = Collections.synchronizedList(new ArrayList<>());

    /** The IAM actions this client has answered, in order. */
    List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String action = action(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                answered.add(action);
                byte[] body = answer(action).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "text/xml")
                                .putHeader("x-amzn-RequestId", "priming").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    private static String answer(String action) {
        String result = RESULTS.getOrDefault(action, action.startsWith("List") ? "<IsTruncated>false</IsTruncated>" : "");
        return "<" + action + "Response xmlns=\"" + NS + "\">"
                + (result.isEmpty() ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static String action(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
