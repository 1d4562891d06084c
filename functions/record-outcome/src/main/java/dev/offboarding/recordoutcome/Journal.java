package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.decision.Decision;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.Outcome;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordLocation;
import dev.offboarding.records.RecordStore;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.Recovery;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a run's record at each {@link Stage}, ahead of what the run does next, at one key per execution
 * ({@link RecordKeys}): the store keeps each version. At {@link Stage#OPEN} it also reads the user's latest earlier
 * record and, when that run never finished, says what it left ({@link Recovery}). A store that cannot be written
 * fails the stage ({@link RecordStoreUnavailableException}), and the workflow then changes nothing in IAM.
 */
final class Journal {
    private final RecordStore store;
    private final Clock clock;
    private final String homeAccountId;

    Journal(RecordStore store, Clock clock, String homeAccountId) {
        this.store = store;
        this.clock = clock;
        this.homeAccountId = homeAccountId;
    }

    StageAnswer record(RunState given) {
        // The record names the account the user is in, the stack's own when the request leaves it out.
        RunState run = given.with(given.request().inAccount(accountOf(given)), given.recovery());
        String key = keyOf(run);
        return switch (run.stage()) {
            case OPEN -> {
                Recovery recovery = run.recovery() != null ? run.recovery() : unfinishedBefore(run, key).orElse(null);
                yield new StageAnswer.Opened(write(key, Outcomes.inProgress(run.with(run.request(), recovery), null,
                        clock.instant())), recovery);
            }
            case BEFORE_REMOVAL -> new StageAnswer.Written(write(key, Outcomes.inProgress(run, removal(run),
                    clock.instant())));
            case AFTER_REMOVAL -> new StageAnswer.Written(write(key, Outcomes.inProgress(run, null, clock.instant())));
            case BEFORE_DELETE -> new StageAnswer.Written(write(key, Outcomes.inProgress(run,
                    Intent.deletion(clock.instant()), clock.instant())));
            case CONCLUDE -> {
                Conclusion conclusion = Outcomes.of(run, clock.instant());
                yield conclusion.writtenAt(write(key, conclusion.record()));
            }
        };
    }

    private Intent removal(RunState run) {
        Decision decision = run.latest().decision();
        if (decision.mode() == null) {
            throw new dev.offboarding.errors.InvalidRequestException("latest.decision is " + decision.kind()
                    + ", which runs no remove-tokens round: BEFORE_REMOVAL records only a round the run will do");
        }
        return Intent.removal(decision.mode(), decision.dryRun(), decision.phase(), run.latest().inventory(),
                BlockerKind.plannedItems(decision.mode(), run.latest().inventory()), clock.instant());
    }

    private RecordLocation write(String key, AuditRecord record) {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the record of " + record.userName() + " cannot be written as JSON", e);
        }
        store.put(key, json);
        return new RecordLocation(key, store.describe(key));
    }

    /**
     * The user's latest offboarding record before this execution's, if that run never ended ({@code IN_PROGRESS}): its
     * key, its execution, and every virtual MFA device it found assigned to the user, in its inventories, its intent
     * and what it had itself recovered. A reinstate's record is not an offboarding's: one that reinstated the user
     * ended the offboarding before it (nothing is left to finish), and any other (refused, failed, a dry run) is passed
     * over for the offboarding record before it.
     */
    private Optional<Recovery> unfinishedBefore(RunState run, String ownKey) {
        List<String> keys = store.keys(RecordKeys.userPrefix(run.request().accountId(), run.request().userName()));
        // Keys sort by start time: the latest run started before this one (a later, concurrent run is not ours to finish).
        List<String> earlier = keys.stream().filter(key -> key.compareTo(ownKey) < 0).toList();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            JsonNode record = read(earlier.get(i));
            if (!isReinstatement(record)) {
                return unfinished(earlier.get(i), record);
            }
            if (Outcome.REINSTATED.name().equals(record.path("outcome").asText())) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isReinstatement(JsonNode record) {
        return record.path("reinstatement").isObject();
    }

    private static Optional<Recovery> unfinished(String key, JsonNode record) {
        if (!Outcome.IN_PROGRESS.name().equals(record.path("outcome").asText())) {
            return Optional.empty();
        }
        Set<String> devices = new LinkedHashSet<>();
        for (JsonNode inventory : List.of(record.path("inventory"), record.path("pending").path("inventory"))) {
            for (JsonNode device : inventory.path("mfaDevices")) {
                String serial = device.path("serialNumber").asText();
                if (MfaDevice.isVirtualSerial(serial)) {
                    devices.add(serial);
                }
            }
        }
        record.path("recoveredFrom").path("mfaDevices").forEach(serial -> devices.add(serial.asText()));
        return Optional.of(new Recovery(key, record.path("executionId").asText(null),
                devices.stream().limit(Recovery.MAX_DEVICES).toList()));
    }

    private JsonNode read(String key) {
        byte[] bytes = store.get(key).orElseThrow(() -> new RecordStoreUnavailableException("the record "
                + store.describe(key) + " was listed but could not be read: it is gone; run again"));
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new RecordStoreUnavailableException("the record " + store.describe(key) + " is not JSON, so what"
                    + " its run left unfinished cannot be known: look at it before offboarding this user again", e);
        }
    }

    /** The account the user is in: the request's, or else the stack's own (given, or the execution's). */
    private String accountOf(RunState run) {
        if (run.request().accountId() != null) {
            return run.request().accountId();
        }
        return homeAccountId != null ? homeAccountId : Executions.accountOf(run.execution());
    }

    /** The key of this execution's record; {@code run}'s request names its account. */
    private static String keyOf(RunState run) {
        return RecordKeys.key(run.request().accountId(), run.request().userName(), run.startedAt(),
                Executions.nameOf(run.execution()));
    }
}
