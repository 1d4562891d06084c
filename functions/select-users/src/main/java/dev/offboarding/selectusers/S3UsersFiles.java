package dev.offboarding.selectusers;

import dev.offboarding.fleet.FleetRequest.UsersFrom;
import dev.offboarding.records.S3RecordStore;
import java.io.InputStream;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Lists of users in S3, read with GetObject through the record store's kind of client (url-connection, the standard
 * SDK configuration), built on first use: a request without {@code usersFrom} never pays for it.
 */
public final class S3UsersFiles implements UsersFiles {
    private final Supplier<S3Client> s3;
    private S3Client client;

    public S3UsersFiles(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    public static S3UsersFiles fromEnvironment() {
        return new S3UsersFiles(() -> S3RecordStore.clientBuilder(System.getenv()).build());
    }

    @Override
    public InputStream open(UsersFrom from) {
        String call = "s3:GetObject of " + from.location();
        try {
            ResponseInputStream<GetObjectResponse> in = client().getObject(r -> r.bucket(from.bucket()).key(from.key()));
            Long size = in.response().contentLength();
            if (size != null && size > UsersFile.MAX_BYTES) {
                in.abort();
                throw UsersFile.tooLarge(from, size);
            }
            return in;
        } catch (NoSuchKeyException e) {
            throw new Unreadable(call, "NoSuchKey", "that usersFrom names an existing object (bucket and key)", e);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            String check = e.statusCode() == 403
                    ? "that select-users' role may s3:GetObject on arn:aws:s3:::" + from.bucket() + "/" + from.key()
                    + " (S3 answers 403 for a missing key to a caller that may not list the bucket)"
                    : e.isThrottlingException() || e.statusCode() >= 500 ? "S3 is throttling or failing; try again"
                    : "the bucket " + from.bucket() + " and its region";
            throw new Unreadable(call, code, check, e);
        } catch (SdkException e) {
            throw new Unreadable(call, "no answer", "the region, credentials and endpoint of the standard AWS SDK"
                    + " configuration (AWS_REGION, AWS_ENDPOINT_URL_S3)", e);
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = s3.get();
        }
        return client;
    }
}
