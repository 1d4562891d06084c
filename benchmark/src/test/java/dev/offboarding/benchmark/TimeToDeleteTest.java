package dev.offboarding.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeToDeleteTest {
    private final Repository repo = Repository.find();

    @Test
    void theScheduleIsReadFromTheDefinitionItself() throws Exception {
        DeletionSchedule schedule = DeletionSchedule.read(repo.definition(), repo.substitutions());
        assertTrue(schedule.maxAttempts() > 0 && schedule.fullJitter(), schedule.toString());
        List<Double> caps = schedule.retryCaps();
        assertEquals(schedule.intervalSeconds(), caps.get(0));
        assertEquals(schedule.maxDelaySeconds(), caps.get(caps.size() - 1));
    }

    @Test
    void aFixedSleepFailsBeyondItsLengthAndNoRetryFailsUnderAnyLag() {
        TimeToDelete model = new TimeToDelete(new DeletionSchedule(2, 1, 2, 8, 50, "FULL", 3), 0);
        assertEquals(1.0, model.sample(TimeToDelete.Approach.FIXED_SLEEP_45, 60, 10, 1).failureRate());
        assertEquals(40.0, model.sample(TimeToDelete.Approach.FIXED_SLEEP_45, 5, 10, 1).overshoot().median());
        assertEquals(1.0, model.sample(TimeToDelete.Approach.NO_RETRY, 2, 10, 1).failureRate());
        assertEquals(0.0, model.sample(TimeToDelete.Approach.NO_RETRY, 0, 10, 1).failureRate());
    }

    @Test
    void theWorkflowDeletesWithinOneCappedWaitOfTheLag() {
        TimeToDelete model = new TimeToDelete(new DeletionSchedule(2, 1, 2, 8, 50, "FULL", 3), 0);
        TimeToDelete.Outcome outcome = model.sample(TimeToDelete.Approach.WORKFLOW, 60, 5_000, 7);
        assertEquals(0.0, outcome.failureRate());
        assertTrue(outcome.overshoot().p95() <= 8, outcome.toString());
        assertEquals(2.0, model.sample(TimeToDelete.Approach.WORKFLOW, 0, 10, 7).overshoot().median());
    }

    @Test
    void statsUseNearestRank() {
        Stats stats = Stats.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertEquals(3.0, stats.median());
        assertEquals(5.0, stats.p95());
    }
}
