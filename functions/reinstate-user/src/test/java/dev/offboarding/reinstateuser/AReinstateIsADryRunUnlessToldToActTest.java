package dev.offboarding.reinstateuser;

import static dev.offboarding.reinstateuser.QuarantinedUser.ACTIVE_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.DenyLift;
import dev.offboarding.audit.ReactivatedItem;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Outcome;
import dev.offboarding.simulator.Call;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without {@code "dryRun": false} a reinstate only reads (the records, GetUser) and writes its DRY_RUN record, which
 * says what a real one would do.
 */
class AReinstateIsADryRunUnlessToldToActTest {

    @Test
    void aRequestThatSaysNothingOfDryRunOnlyReadsAndPlans() throws IOException {
        QuarantinedUser user = QuarantinedUser.lockedOut();

        JsonNode answer = QuarantinedUser.invoke(user.handler(), "{\"userName\": \"night_owl\"}");

        assertEquals(List.of(), Schemas.problems("reinstate-user.output", answer), answer.toPrettyString());
        assertEquals("DRY_RUN", answer.path("outcome").asText());
        assertTrue(answer.path("dryRun").asBoolean());
        assertEquals(List.of("GetUser"), user.iam.calls().all().stream().map(Call::operation).toList(),
                "the only IAM call is a read");
        assertEquals(List.of(), user.mutatingCalls());
        assertEquals("Inactive", user.status(BlockerKind.ACCESS_KEY, ACTIVE_KEY), "still locked out");
        assertEquals(List.of(QuarantinedUser.DENY_ALL), user.attachedPolicies());

        AuditRecord record = user.read(user.reinstateKeys().get(0));
        assertEquals(List.of(), Schemas.problems("audit-record", user.json(user.reinstateKeys().get(0))));
        assertEquals(Outcome.DRY_RUN, record.outcome());
        assertEquals(ReactivatedItem.Result.WOULD_ACTIVATE, record.reinstatement().reactivated().get(0).result());
        assertEquals(ReactivatedItem.Result.LEFT_INACTIVE, record.reinstatement().reactivated().get(1).result());
        assertEquals(DenyLift.Result.WOULD_DETACH, record.reinstatement().deny().result());
        assertEquals(answer.path("record").path("key").asText(), user.reinstateKeys().get(0));
    }

    @Test
    void dryRunTrueIsTheSame() {
        QuarantinedUser user = QuarantinedUser.lockedOut();

        ReinstateUserResult result = user.reinstate(true);

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals(List.of(), user.mutatingCalls());
    }
}
