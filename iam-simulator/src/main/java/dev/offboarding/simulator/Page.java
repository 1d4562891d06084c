package dev.offboarding.simulator;

import java.util.List;

/** One page of a List* answer: the items, and the marker to ask for the rest when truncated. */
record Page<T>(List<T> items, boolean truncated, String nextMarker) {
}
