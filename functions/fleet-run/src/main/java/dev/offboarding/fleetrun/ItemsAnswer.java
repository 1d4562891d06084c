package dev.offboarding.fleetrun;

import java.util.List;

/**
 * ITEMS' answer: the first phase (PLAN, or OFFBOARD when no plan could change anything), its accounts (those with
 * candidates) and how many candidates in all.
 */
record ItemsAnswer(Phase phase, int candidates, List<PhaseAccount> accounts) implements StageAnswer {
}
