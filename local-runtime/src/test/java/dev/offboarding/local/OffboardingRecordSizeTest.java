package dev.offboarding.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record stays small: S3 takes far more, but a record is read whole by the next run of the same user and by
 * people, so it is bounded well below what would make either slow. Every version written, the final one included.
 */
class OffboardingRecordSizeTest {
    /** The bound on one record's JSON, as written. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"little-tester", "every-blocker"})
    void everyVersionOfTheRecordOfAnOffboardingStaysUnder64KiB(String scenario) throws Exception {
        WatchedRecordStore store = WatchedRecordStore.accepting();
        RealWorkflow world = RealWorkflow.scenario(scenario, store);

        WorkflowResult result = world.offboard("sized");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        List<Integer> sizes = store.written().stream().map(json -> json.length).toList();
        int last = sizes.get(sizes.size() - 1);
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(largest <= MAX_RECORD_BYTES, scenario + ": the versions written take " + sizes
                + " bytes, the final one " + last + ", above " + MAX_RECORD_BYTES);
    }
}
