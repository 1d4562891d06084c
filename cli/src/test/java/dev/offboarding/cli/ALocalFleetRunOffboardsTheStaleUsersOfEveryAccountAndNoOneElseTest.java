package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `offboard local --fleet events/scenarios/fleet-stale-users.json`: the real OffboardFleet definition on the local
 * engine, the real functions, a simulated organization of three accounts. What each user is, is read from the
 * scenario's world itself: tagged offboarding:protected, an administrator (AdministratorAccess), used within the
 * request's unusedForDays, or stale.
 */
class ALocalFleetRunOffboardsTheStaleUsersOfEveryAccountAndNoOneElseTest {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern PROGRESS = Pattern.compile("^(plan|offboard)\\s+\\[[#-]+] (\\d+)/(\\d+) users(.*)$",
            Pattern.MULTILINE);

    @TempDir
    static Path records;
    private static Path scenario;
    private static JsonNode file;
    private static CommandRun run;
    private static JsonNode report;
    private static SimulatedOrganization organization;

    @BeforeAll
    static void runTheScenarioOnce() throws IOException {
        scenario = ProjectHome.find().resolve("events/scenarios/fleet-stale-users.json");
        file = STRICT.readTree(Files.readString(scenario));
        LocalCommand local = new LocalCommand();
        run = CommandRun.using(local, "local", "--fleet", scenario.toString(), "--json",
                "--records", records.resolve("run").toString());
        report = STRICT.readTree(run.out());
        organization = local.fleetRun.organization;
    }

    @Test
    void theStaleUsersAreDeletedAndTheProtectedAndPrivilegedOnesAreRefusedByTheirGuards() {
        assertEquals(ExitCode.SUCCEEDED, run.exitCode(), run.err());
        assertEquals("COMPLETED", report.path("outcome").asText());
        Map<String, String> reported = new TreeMap<>();
        report.path("users").forEach(u -> reported.put(u.path("accountId").asText() + "/" + u.path("userName").asText(),
                u.path("outcome").asText() + " " + u.path("error").asText("")));
        int stale = 0;
        for (Map.Entry<String, JsonNode> user : usersOfTheWorld().entrySet()) {
            String account = user.getKey().substring(0, 12);
            String name = user.getKey().substring(13);
            IamSimulator iam = organization.account(account);
            switch (kindOf(user.getValue())) {
                case "protected" -> {
                    assertTrue(iam.userExists(name), user.getKey());
                    assertEquals("REFUSED Offboarding.UserProtected", reported.get(user.getKey()));
                }
                case "privileged" -> {
                    assertTrue(iam.userExists(name), user.getKey());
                    assertEquals("REFUSED Offboarding.UserPrivileged", reported.get(user.getKey()));
                }
                case "recent" -> {
                    assertTrue(iam.userExists(name), user.getKey());
                    assertFalse(reported.containsKey(user.getKey()), user.getKey() + " is never selected");
                }
                default -> {
                    stale++;
                    assertFalse(iam.userExists(name), user.getKey() + " is deleted");
                    assertEquals("DELETED ", reported.get(user.getKey()));
                }
            }
        }
        assertTrue(stale > 0 && organization.accounts().size() == 3, "a scenario of stale users in three accounts");
    }

    @Test
    void withJsonTheOutputIsOnlyTheReportAndItsCountsAreThoseOfItsUsers() {
        assertTrue(run.out().strip().startsWith("{") && run.out().strip().endsWith("}"), run.out());
        Map<String, Integer> byOutcome = new TreeMap<>();
        Map<String, Integer> byError = new TreeMap<>();
        report.path("users").forEach(u -> {
            byOutcome.merge(u.path("outcome").asText(), 1, Integer::sum);
            if (u.path("error").isTextual()) {
                byError.merge(u.path("error").asText(), 1, Integer::sum);
            }
        });
        assertEquals(byOutcome, counts(report.path("counts").path("byOutcome")));
        assertEquals(byError, counts(report.path("counts").path("byError")));
    }

    @Test
    void theProgressOnStderrEndsWithEveryOffboardedUserDone() {
        Matcher m = PROGRESS.matcher(run.err());
        List<String[]> lines = new ArrayList<>();
        while (m.find()) {
            lines.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        assertFalse(lines.isEmpty(), run.err());
        String[] last = lines.get(lines.size() - 1);
        // Nobody approves and the candidates are within the limits: no dry runs first, every candidate is offboarded.
        assertTrue(lines.stream().allMatch(l -> l[0].equals("offboard")), "no plan phase: " + run.err());
        assertFalse(run.err().contains("null "), run.err());
        assertEquals(last[1], last[2], "done of total: " + run.err());
        int deleted = report.path("counts").path("byOutcome").path("DELETED").asInt();
        Map<String, Integer> byError = counts(report.path("counts").path("byError"));
        assertEquals(deleted + byError.values().stream().mapToInt(Integer::intValue).sum(), Integer.parseInt(last[2]),
                run.err());
        StringBuilder outcomes = new StringBuilder("  DELETED " + deleted);
        byError.forEach((error, count) -> outcomes.append(", ").append(error).append(' ').append(count));
        assertEquals(outcomes.toString(), last[3], run.err());
    }

    @Test
    void aDryRunPlansEveryCandidateAndMakesNoMutatingIamCall() {
        LocalCommand local = new LocalCommand();

        CommandRun dry = CommandRun.using(local, "local", "--fleet", scenario.toString(), "--dry-run",
                "--records", records.resolve("dry").toString());

        assertEquals(ExitCode.SUCCEEDED, dry.exitCode(), dry.out() + dry.err());
        for (IamSimulator iam : local.fleetRun.organization.accounts()) {
            // The credential report IAM generates for select-users changes no user.
            assertEquals(List.of(), iam.calls().mutating().stream().map(Call::operation)
                    .filter(op -> !op.equals("GenerateCredentialReport")).toList(), iam.accountId());
        }
        assertTrue(dry.out().contains("a dry run: nothing was changed"), dry.out());
        long candidates = usersOfTheWorld().values().stream().filter(u -> !kindOf(u).equals("recent")).count();
        assertTrue(dry.out().contains("Plan per user (" + candidates + "):"), dry.out());
        for (Map.Entry<String, JsonNode> user : usersOfTheWorld().entrySet()) {
            String expected = switch (kindOf(user.getValue())) {
                case "recent" -> null;
                case "stale" -> "DRY_RUN";
                default -> "REFUSED";
            };
            if (expected != null) {
                assertTrue(Pattern.compile("^  " + expected + "\\s+" + Pattern.quote(user.getKey()) + " ",
                        Pattern.MULTILINE).matcher(dry.out()).find(), user.getKey() + ":\n" + dry.out());
            }
        }
    }

    /** Every user of the scenario's world, by "account/user". */
    private static Map<String, JsonNode> usersOfTheWorld() {
        Map<String, JsonNode> users = new TreeMap<>();
        for (JsonNode account : file.path("world").path("accounts")) {
            account.path("users").forEach(u -> users.put(account.path("accountId").asText() + "/"
                    + u.path("userName").asText(), u));
        }
        return users;
    }

    /** What the world makes the user: protected, privileged, recent (used within unusedForDays) or stale. */
    private static String kindOf(JsonNode user) {
        for (JsonNode tag : user.path("tags")) {
            if (tag.path("key").asText().equals("offboarding:protected")) {
                return "protected";
            }
        }
        for (JsonNode policy : user.path("attachedPolicies")) {
            if (policy.path("policyArn").asText().endsWith(":policy/AdministratorAccess")) {
                return "privileged";
            }
        }
        Instant now = Instant.parse(file.path("world").path("accounts").path(0).path("now").asText());
        Instant since = now.minus(Duration.ofDays(file.path("fleet").path("unusedForDays").asLong()));
        List<String> uses = new ArrayList<>();
        if (user.path("passwordLastUsed").isTextual()) {
            uses.add(user.path("passwordLastUsed").asText());
        }
        user.path("accessKeys").forEach(k -> uses.add(k.path("lastUsed").path("date").asText(null)));
        return uses.stream().anyMatch(use -> use != null && Instant.parse(use).isAfter(since)) ? "recent" : "stale";
    }

    private static Map<String, Integer> counts(JsonNode counts) {
        Map<String, Integer> map = new TreeMap<>();
        counts.properties().forEach(e -> map.put(e.getKey(), e.getValue().asInt()));
        return map;
    }
}
