package dev.offboarding.selectusers;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.fleet.FleetDefaults;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.local.LocalContext;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * One account in the IAM simulator, seen by select-users as its handler is invoked (JSON in, JSON out), with a
 * record store and S3 lists of users in memory. The simulator does not answer GetAccountSummary and the credential
 * report calls yet: they are answered here as IAM answers them (the summary counts the simulator's users; the report
 * is the CSV a test gives, or the error it gives).
 */
final class SimulatedAccount {
    static final String ACCOUNT = "123456789012";
    static final String FLEET_EXECUTION = "fleet-2026-12-01";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final IamSimulator simulator = new IamSimulator(clock);
    final IamClient iam = spy(simulator);
    final MemoryRecordStore store = new MemoryRecordStore();
    final Map<String, byte[]> files = new HashMap<>();
    final LocalContext context = new LocalContext("select-users");
    /** The users created, as GetAccountSummary counts them. */
    private int users;

    SimulatedAccount() {
        doAnswer(call -> GetAccountSummaryResponse.builder()
                .summaryMapWithStrings(Map.of("Users", users, "Groups", 0))
                .build()).when(iam).getAccountSummary(any(GetAccountSummaryRequest.class));
        doThrow(new AssertionError("no credential report was expected")).when(iam)
                .getCredentialReport(any(GetCredentialReportRequest.class));
        doReturn(GenerateCredentialReportResponse.builder().state(ReportStateType.STARTED).build()).when(iam)
                .generateCredentialReport(any(GenerateCredentialReportRequest.class));
    }

    /** Creates a user at {@code created} (the clock comes back to now afterwards). */
    SimulatedAccount user(String name, String path, Instant created) {
        clock.set(created);
        simulator.createUser(r -> r.userName(name).path(path));
        users++;
        clock.set(NOW);
        return this;
    }

    SimulatedAccount user(String name) {
        return user(name, "/", Instant.parse("2026-01-01T00:00:00Z"));
    }

    SimulatedAccount tag(String user, String key, String value) {
        simulator.tagUser(r -> r.userName(user).tags(t -> t.key(key).value(value)));
        return this;
    }

    /** GetCredentialReport answers this report, generated at {@code generated}. */
    SimulatedAccount report(Instant generated, CredentialReportCsv csv) {
        doReturn(GetCredentialReportResponse.builder().generatedTime(generated).reportFormat(ReportFormatType.TEXT_CSV)
                .content(SdkBytes.fromUtf8String(csv.toString())).build()).when(iam)
                .getCredentialReport(any(GetCredentialReportRequest.class));
        return this;
    }

    /** GetCredentialReport fails as IAM fails it. */
    SimulatedAccount reportFails(RuntimeException answer) {
        doThrow(answer).when(iam).getCredentialReport(any(GetCredentialReportRequest.class));
        return this;
    }

    SimulatedAccount file(String bucket, String key, String content) {
        files.put(bucket + "/" + key, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    SelectUsersHandler handler() {
        return new SelectUsersHandler(new IamGateway(iam), ACCOUNT, store, from -> {
            byte[] content = files.get(from.bucket() + "/" + from.key());
            if (content == null) {
                throw new UsersFiles.Unreadable("s3:GetObject of " + from.location(), "NoSuchKey",
                        "that usersFrom names an existing object (bucket and key)", null);
            }
            return new ByteArrayInputStream(content);
        }, clock);
    }

    /** The input the workflow gives select-users for {@code request} (a caller's request, normalized first). */
    static String input(String request) {
        FleetRequest normalized = RequestReader.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                FleetRequest.class).normalized(FLEET_EXECUTION, FleetDefaults.STANDARD);
        ObjectNode input = Json.mapper().createObjectNode();
        input.put("run", normalized.run());
        input.put("fleetExecution", FLEET_EXECUTION);
        input.put("accountId", ACCOUNT);
        input.set("request", Json.omittingNulls().valueToTree(normalized));
        return input.toString();
    }

    /** Invokes select-users for {@code request}; its output. */
    JsonNode select(String request) {
        return invoke(input(request));
    }

    JsonNode invoke(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler().handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String candidatesKey() {
        return "fleet/" + FLEET_EXECUTION + "/" + FLEET_EXECUTION + "/candidates/" + ACCOUNT + ".json";
    }

    /** The candidates file select-users wrote. */
    JsonNode candidatesFile() {
        return candidatesFileOf(ACCOUNT);
    }

    /** The candidates file select-users wrote for {@code account}. */
    JsonNode candidatesFileOf(String account) {
        try {
            return Json.mapper().readTree(store.get(candidatesKey().replace(ACCOUNT, account)).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The candidates' names, in the file's order. */
    List<String> candidates() {
        return names(candidatesFile().get("candidates"), "userName");
    }

    /** The why of one candidate. */
    List<String> why(String user) {
        for (JsonNode candidate : candidatesFile().get("candidates")) {
            if (candidate.get("userName").asText().equals(user)) {
                return names(candidate.get("why"), null);
            }
        }
        throw new AssertionError(user + " is not a candidate");
    }

    static List<String> names(JsonNode array, String field) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(node -> names.add(field == null ? node.asText() : node.get(field).asText()));
        return names;
    }
}
