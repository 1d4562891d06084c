package dev.offboarding.fleetrun;

/**
 * What fleet-run answers: VALIDATE the validated {@link Fleet}, ITEMS an {@link ItemsAnswer}, LIMIT a
 * {@link LimitAnswer}, REPORT a {@link ReportAnswer}.
 */
sealed interface StageAnswer permits Fleet, ItemsAnswer, LimitAnswer, ReportAnswer {
}
