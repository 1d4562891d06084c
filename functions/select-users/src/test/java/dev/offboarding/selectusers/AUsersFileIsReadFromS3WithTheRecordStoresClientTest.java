package dev.offboarding.selectusers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.FleetRequest.UsersFrom;
import dev.offboarding.records.S3RecordStore;
import dev.offboarding.s3testserver.S3TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The users file through the product's S3 client (url-connection, GetObject) to an S3-compatible server. */
class AUsersFileIsReadFromS3WithTheRecordStoresClientTest {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void server() {
        S3TestServer server = S3TestServer.shared();
        s3 = S3RecordStore.clientBuilder(Map.of()).endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY)))
                .build();
        bucket = server.createBucket("users-files");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aCsvListIsReadFromItsObject() {
        s3.putObject(r -> r.bucket(bucket).key("fleet/leavers.csv"), RequestBody.fromString(
                "userName,accountId\nalice,111111111111\n\"a,b\",\n", UTF_8));
        UsersFrom from = new UsersFrom(bucket, "fleet/leavers.csv");

        assertEquals(List.of(new NamedUser("alice", "111111111111"), new NamedUser("a,b", null)),
                UsersFile.read(from, new S3UsersFiles(() -> s3).open(from)));
    }

    @Test
    void aMissingObjectIsNoSuchKey() {
        UsersFiles.Unreadable unreadable = assertThrows(UsersFiles.Unreadable.class,
                () -> new S3UsersFiles(() -> s3).open(new UsersFrom(bucket, "nobody.json")));

        assertEquals("s3:GetObject of s3://" + bucket + "/nobody.json", unreadable.call());
        assertEquals("NoSuchKey", unreadable.errorCode());
    }

    @Test
    void anObjectLargerThanFiveMebibytesIsRefusedBeforeItIsRead() {
        s3.putObject(r -> r.bucket(bucket).key("huge.json"), RequestBody.fromBytes(new byte[UsersFile.MAX_BYTES + 1]));

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> new S3UsersFiles(() -> s3).open(new UsersFrom(bucket, "huge.json")));

        assertEquals(List.of("usersFrom s3://" + bucket + "/huge.json is 5242881 bytes: at most 5242880 bytes (5 MiB)"
                + " are read; split the list over several runs"), refused.problems());
    }
}
