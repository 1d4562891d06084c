package dev.offboarding.fleet;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.RequestReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fleet requests read from JSON as the workflow's first step reads them: strictly, then validated. */
final class FleetRequests {
    static final String TRIGGER = "\"trigger\": {\"eventId\": \"e-1\", \"source\": \"hr.system\","
            + " \"time\": \"2026-12-01T09:00:00Z\"}";

    private FleetRequests() {
    }

    static FleetRequest read(String json) {
        return RequestReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FleetRequest.class);
    }

    /** The problems of a request that must be refused. */
    static List<String> refused(String json) {
        return assertThrows(InvalidRequestException.class, () -> read(json), json).problems();
    }
}
