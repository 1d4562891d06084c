package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.Tag;

/** Shared starting points for the specifications. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-11-20T12:00:00Z");
    static final String USER = "little_tester";
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUSimulated\n-----END CERTIFICATE-----\n";
    static final String SSH_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCsimulated little_tester@laptop";
    static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}]}";
    static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private Fixtures() {
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static MutableClock clock() {
        return new MutableClock(START);
    }

    static IamSimulator simulatorWithUser(MutableClock clock) {
        IamSimulator sim = new IamSimulator(clock);
        sim.createUser(r -> r.userName(USER));
        return sim;
    }
}
