package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsSimulatorTest {

    private final MutableClock clock = Fixtures.clock();

    @Test
    void getCallerIdentityNamesTheDefaultOperator() {
        StsClient sts = new IamSimulator(clock).sts();

        GetCallerIdentityResponse me = sts.getCallerIdentity();

        assertEquals("123456789012", me.account());
        assertEquals("arn:aws:iam::123456789012:user/offboarding-operator", me.arn());
        assertTrue(me.userId().matches("AIDA[A-Z2-7]{17}"), me.userId());
        assertEquals(me.userId(), sts.getCallerIdentity().userId(), "the caller keeps its id");
    }

    @Test
    void theWorldCanNameTheCaller() throws Exception {
        IamSimulator sim = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"accountId": "210987654321",
                 "caller": {"arn": "arn:aws:sts::210987654321:assumed-role/Offboarder/run-42"}}
                """), clock);

        GetCallerIdentityResponse me = sim.sts().getCallerIdentity(r -> { });

        assertEquals("210987654321", me.account());
        assertEquals("arn:aws:sts::210987654321:assumed-role/Offboarder/run-42", me.arn());
        assertTrue(me.userId().matches("AROA[A-Z2-7]{17}:run-42"), me.userId());
    }

    @Test
    void assumeRoleHandsOutObviouslyFakeTemporaryCredentials() {
        IamSimulator sim = new IamSimulator(clock);
        sim.createRole(r -> r.roleName("offboarder").assumeRolePolicyDocument(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRole\"}]}"));

        AssumeRoleResponse assumed = sim.sts().assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/offboarder")
                .roleSessionName("offboarding-bob").durationSeconds(900));

        assertTrue(assumed.credentials().accessKeyId().matches("ASIA[A-Z2-7]{16}"));
        assertTrue(assumed.credentials().secretAccessKey().startsWith("simulated-"));
        assertEquals(Fixtures.START.plusSeconds(900), assumed.credentials().expiration());
        assertEquals("arn:aws:sts::123456789012:assumed-role/offboarder/offboarding-bob", assumed.assumedRoleUser().arn());
        Call call = sim.calls().all().get(1);
        assertEquals(new Call("AssumeRole", "arn:aws:iam::123456789012:role/offboarder/offboarding-bob", "OK",
                Fixtures.START, false), call);
    }

    @Test
    void assumeRoleValidatesItsInputLikeSts() {
        IamSimulator sim = new IamSimulator(clock);

        StsException e = assertThrows(StsException.class,
                () -> sim.sts().assumeRole(r -> r.roleArn("not-an-arn").roleSessionName("s1")));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertThrows(StsException.class, () -> sim.sts().assumeRole(r -> r
                .roleArn("arn:aws:iam::123456789012:role/offboarder").roleSessionName("s1").durationSeconds(60)));
        assertEquals("ValidationError", sim.calls().all().get(1).outcome());
    }
}
