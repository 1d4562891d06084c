package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;

class AfterCallHookTest {

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    @Test
    void aCredentialThatKeepsReappearingAfterEachDeletion() {
        String first = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.afterCall("DeleteAccessKey", s -> s.createAccessKey(r -> r.userName(USER)));

        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(first));

        List<AccessKeyMetadata> keys = sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata();
        assertEquals(1, keys.size());
        assertNotEquals(first, keys.get(0).accessKeyId(), "the reappearing key is a new key");
        assertThrows(DeleteConflictException.class, () -> sim.deleteUser(r -> r.userName(USER)));
        assertEquals(List.of("CreateUser", "CreateAccessKey", "DeleteAccessKey", "CreateAccessKey", "ListAccessKeys",
                "DeleteUser"), sim.calls().all().stream().map(Call::operation).toList());
    }

    @Test
    void hooksRunOnlyAfterSuccessfulCallsAndTheirCallsAreNotFaulted() {
        sim.afterCall("DeleteAccessKey", s -> s.createAccessKey(r -> r.userName(USER)));
        assertThrows(RuntimeException.class,
                () -> sim.deleteAccessKey(r -> r.userName(USER).accessKeyId("AKIAIOSFODNN7EXAMPLE")));
        assertEquals(0, sim.calls().count("CreateAccessKey"));

        String key = sim.createAccessKey(r -> r.userName(USER)).accessKey().accessKeyId();
        sim.faults().throttleEvery(2);
        sim.deleteAccessKey(r -> r.userName(USER).accessKeyId(key));
        // the hook's CreateAccessKey was neither faulted nor counted: the next outside call is the 2nd
        assertThrows(RuntimeException.class, () -> sim.listAccessKeys(r -> r.userName(USER)));
        assertEquals(1, sim.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().size());
    }
}
