package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.simulator.Session;
import dev.offboarding.simulator.SessionDecision;
import dev.offboarding.simulator.Sessions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deactivating keys ends no session they already issued: GetSessionToken's credentials keep the user's permissions,
 * evaluated at every request, for up to 36 hours. Through the real definition on the local engine, a session issued
 * before the offboarding keeps its permissions until the deny every round attaches first is visible to IAM's
 * enforcement (the simulator's visibility lag, 3 s in the scenario), and has none after, in a quarantine's lock-out as
 * in a removal.
 */
class ALiveSessionLosesEveryPermissionOnceTheDenyIsVisibleTest {
    private static final String ACTION = "s3:GetObject";

    /** What enforcement decided for the session's request right after each call named. */
    private static List<String> follow(RealWorkflow world, Session session, String... operations) {
        List<String> seen = new ArrayList<>();
        for (String operation : operations) {
            world.iam.afterCall(operation, sim -> seen.add(operation + " " + sim.sessions().decide(session, ACTION)));
        }
        return seen;
    }

    @Test
    void aQuarantinesLockOutDeniesTheSessionOnceTheDenyIsVisibleAndKeepsItDeniedUntilTheUserIsGone()
            throws Exception {
        RealWorkflow world = RealWorkflow.scenario("quarantine-live-session", new MemoryRecordStore());
        // A one-day quarantine, and a session that outlasts it (GetSessionToken's longest, 36 hours).
        Session longest = world.iam.sessions().issue("night_owl", Sessions.LONGEST_DURATION);
        assertTrue(world.iam.sessions().allows(longest, ACTION), "the session works before the offboarding");
        List<String> seen = follow(world, longest, "AttachUserPolicy", "UpdateAccessKey", "ListAccessKeys",
                "DeleteUser");
        JsonNode request = world.request().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) request).put("quarantineDays", 1);

        WorkflowResult result = world.offboard(request, "lock-out-then-removal");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(
                        "ListAccessKeys ALLOWED",
                        "AttachUserPolicy ALLOWED", // attached, not yet visible: the lag has not passed
                        "UpdateAccessKey ALLOWED",
                        "ListAccessKeys EXPLICIT_DENY", // the look after the quarantine: the deny is visible
                        "AttachUserPolicy EXPLICIT_DENY"),
                seen.subList(0, 5), seen.toString());
        assertTrue(seen.subList(5, seen.size()).stream().allMatch(s -> s.startsWith("DeleteUser ")
                && !s.endsWith("ALLOWED")), "denied at every DeleteUser attempt: " + seen);
        assertEquals(SessionDecision.USER_GONE, world.iam.sessions().decide(longest, ACTION),
                "once the deletion is visible the session's user is gone");

        JsonNode lockOut = result.output().path("removed").get(0);
        assertEquals("LOCK_OUT", lockOut.path("mode").asText());
        assertEquals("MANAGED_POLICY", lockOut.path("deny").path("how").asText());
        assertFalse(lockOut.path("deny").path("attachedAt").isNull(), "the record says when: " + lockOut);
        assertFalse(lockOut.path("items").toString().contains("LOGIN_PROFILE"), "the lock-out keeps the password");
        JsonNode removal = result.output().path("removed").get(1);
        assertTrue(removal.path("deny").path("alreadyInPlace").asBoolean(), "the quarantine's deny, confirmed");
        JsonNode last = removal.path("items").get(removal.path("items").size() - 1);
        assertEquals("ATTACHED_POLICY arn:aws:iam::aws:policy/AWSDenyAll DETACHED",
                last.path("kind").asText() + " " + last.path("id").asText() + " " + last.path("action").asText(),
                "lifted last, just before DeleteUser");
        assertFalse(world.iam.userExists("night_owl"));
    }

    @Test
    void aRemovalDeniesTheSessionFromItsFirstChangeUntilTheUserIsGone() throws Exception {
        RealWorkflow world = RealWorkflow.scenario("quarantine-live-session", new MemoryRecordStore());
        Session morning = world.iam.sessions().named("night_owl", "morning-mfa");
        List<String> seen = follow(world, morning, "AttachUserPolicy", "DetachUserPolicy", "DeleteUser");
        JsonNode request = Json.mapper().createObjectNode().put("userName", "night_owl").put("force", true);

        WorkflowResult result = world.offboard(request, "removal");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of("AttachUserPolicy ALLOWED", "DetachUserPolicy ALLOWED"), seen.subList(0, 2),
                "the deny and its lift happen before the lag lets enforcement see either: " + seen);
        assertTrue(seen.stream().filter(s -> s.startsWith("DeleteUser ")).noneMatch(s -> s.endsWith("ALLOWED")),
                "by DeleteUser, after the propagation wait, the session can do nothing: " + seen);
        assertEquals(SessionDecision.USER_GONE, world.iam.sessions().decide(morning, ACTION));
    }
}
