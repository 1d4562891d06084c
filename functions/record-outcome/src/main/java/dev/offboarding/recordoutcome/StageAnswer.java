package dev.offboarding.recordoutcome;

import dev.offboarding.records.RecordLocation;

/** What the record function answers at each {@link Stage}. */
public sealed interface StageAnswer permits StageAnswer.Opened, StageAnswer.Written, Conclusion {
    /** Where the record was written. */
    RecordLocation recordAt();

    /** OPEN: the record was started; {@code recovery} is what an earlier run left unfinished (null if nothing). */
    record Opened(RecordLocation recordAt, dev.offboarding.validation.Recovery recovery) implements StageAnswer {
    }

    /** BEFORE_REMOVAL, AFTER_REMOVAL, BEFORE_DELETE: the record was rewritten. */
    record Written(RecordLocation recordAt) implements StageAnswer {
    }
}
