package dev.offboarding.json;

import java.util.List;

/** A request that checks its own values once its JSON shape has been read. */
public interface Validatable {
    /** Every problem with the values, each saying what is wrong and how to fix it; empty when valid. */
    List<String> problems();
}
