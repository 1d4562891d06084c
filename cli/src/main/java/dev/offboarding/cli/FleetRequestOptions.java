package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.FieldNames;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The fleet request, from flags or from a request file (--request), as the OffboardFleet workflow's input. Each
 * flag sets one field of the request; a field left out gets the workflow's default.
 */
final class FleetRequestOptions {
    @Option(names = "--request", paramLabel = "FILE",
            description = "The fleet request as a JSON file (comments allowed), instead of the flags that set its"
                    + " fields; its dryRun is replaced: plan, and start without --execute, send true.")
    Path requestFile;

    @Option(names = "--run", paramLabel = "NAME",
            description = "The run's name (1 to 40 letters, digits, - and _; default: the execution's name). A second"
                    + " start of the same run offboards nobody twice: its child executions have the same names.")
    String run;

    @Option(names = "--account", paramLabel = "ID",
            description = "An account to select users in (12 digits; repeatable; default: the stack's account).")
    List<String> accounts;

    @Option(names = "--organization",
            description = "Select in every ACTIVE account of the organization (not with --account).")
    boolean organization;

    @Option(names = "--user", paramLabel = "NAME",
            description = "A user to select by name (repeatable; not with --users-from).")
    List<String> users;

    @Option(names = "--users-from", paramLabel = "s3://BUCKET/KEY",
            description = "The users to select, listed in S3: .json (an array of names or of {userName, accountId})"
                    + " or .csv (header userName[,accountId]).")
    String usersFrom;

    @Option(names = "--path-prefix", paramLabel = "PREFIX", description = "Only users under this IAM path, e.g."
            + " /contractors/.")
    String pathPrefix;

    @Option(names = "--tag", paramLabel = "KEY=VALUE",
            description = "Only users carrying this tag (repeatable: every one).")
    List<String> tags;

    @Option(names = "--unused-for-days", paramLabel = "N",
            description = "Only users whose every credential is unused for N days or more (credential report).")
    Integer unusedForDays;

    @Option(names = "--quarantine-days", paramLabel = "DAYS",
            description = "Lock each user out now and delete after this many days (0 to 90).")
    Integer quarantineDays;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (each user's record gets 'fleet run <run>: <reason>').")
    String reason;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asked for it (kept in each record).")
    String requestedBy;

    @Option(names = "--require-approval",
            description = "Wait for offboard approve (or reject) after the plan, before anyone is offboarded.")
    boolean requireApproval;

    @Option(names = "--max-users", paramLabel = "N",
            description = "Refuse the run if more than N users would be offboarded (1 to 5000; default 25).")
    Integer maxUsersPerRun;

    @Option(names = "--max-share", paramLabel = "PERCENT",
            description = "Refuse the run if more than this share of an account's users would be offboarded (1 to"
                    + " 100; default 10).")
    Integer maxShareOfAccount;

    @Option(names = "--max-concurrency-per-account", paramLabel = "N",
            description = "Child workflows at once per account (1 to 50; default 10).")
    Integer maxConcurrencyPerAccount;

    @Option(names = "--approval-timeout", paramLabel = "SECONDS",
            description = "How long the approval waits before the run ends as rejected (60 to 604800; default"
                    + " 86400).")
    Integer approvalTimeoutSeconds;

    private boolean fileSaidExecute;

    /**
     * The request with {@code dryRun}; a bad flag or request file is a {@link UsageException} naming the flag, or the
     * file and its field.
     */
    ObjectNode request(boolean dryRun) {
        if (requestFile != null) {
            List<String> flags = flagsGiven();
            if (!flags.isEmpty()) {
                throw new UsageException("--request and " + String.join(", ", flags) + ": give the request in the"
                        + " file or as flags, not both");
            }
            ObjectNode request = read(requestFile);
            fileSaidExecute = request.path("dryRun").isBoolean() && !request.path("dryRun").asBoolean();
            request.put("dryRun", dryRun);
            List<String> problems = problems(request, FieldNames.under(""));
            if (!problems.isEmpty()) {
                throw UsageException.of("--request " + requestFile, problems);
            }
            return request;
        }
        List<String> problems = new ArrayList<>();
        ObjectNode request = fromFlags(dryRun, problems);
        problems.addAll(problems(request, FleetRequestFlags.NAMES));
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return request;
    }

    /**
     * Every problem of the request, each naming its field by {@code names}: the rules of the workflow's
     * ValidateFleetRequest ({@link FleetRequest}), checked here so that a mistake is named before anything starts.
     * A person's request never carries {@code trigger}.
     */
    static List<String> problems(ObjectNode request, FieldNames names) {
        List<String> problems = new ArrayList<>();
        ObjectNode known = request.deepCopy();
        request.fieldNames().forEachRemaining(field -> {
            if (!FleetRequest.FIELDS.contains(field)) {
                problems.add("unknown field \"" + field + "\": a fleet request has " + String.join(", ",
                        FleetRequest.FIELDS.stream().filter(f -> !f.equals("trigger")).toList()));
                known.remove(field);
            }
        });
        try {
            RequestReader.refuseAnyNull(known, "");
            problems.addAll(RequestReader.bound(known, FleetRequest.class, "").problemsAsSent(names));
        } catch (InvalidRequestException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    /** Whether the request file, read by {@link #request}, said dryRun false (which only start --execute sends). */
    boolean fileSaidExecute() {
        return fileSaidExecute;
    }

    private ObjectNode fromFlags(boolean dryRun, List<String> problems) {
        ObjectNode request = Json.mapper().createObjectNode();
        if (run != null) {
            request.put("run", run);
        }
        if (accounts != null) {
            ArrayNode array = request.putArray("accounts");
            accounts.forEach(array::add);
        }
        if (organization) {
            request.put("organization", true);
        }
        if (users != null) {
            ArrayNode array = request.putArray("users");
            users.forEach(array::add);
        }
        if (usersFrom != null) {
            usersFrom(request, problems);
        }
        if (pathPrefix != null) {
            request.put("pathPrefix", pathPrefix);
        }
        if (tags != null) {
            ArrayNode array = request.putArray("tags");
            for (String tag : tags) {
                int equals = tag.indexOf('=');
                if (equals < 0) {
                    problems.add("--tag \"" + tag + "\" must be KEY=VALUE, e.g. team=payments (VALUE may be empty)");
                } else {
                    array.addObject().put("key", tag.substring(0, equals)).put("value", tag.substring(equals + 1));
                }
            }
        }
        putIfSet(request, "unusedForDays", unusedForDays);
        request.put("dryRun", dryRun);
        putIfSet(request, "quarantineDays", quarantineDays);
        if (reason != null) {
            request.put("reason", reason);
        }
        if (requestedBy != null) {
            request.put("requestedBy", requestedBy);
        }
        if (requireApproval) {
            request.put("requireApproval", true);
        }
        putIfSet(request, "maxUsersPerRun", maxUsersPerRun);
        putIfSet(request, "maxShareOfAccount", maxShareOfAccount);
        putIfSet(request, "maxConcurrencyPerAccount", maxConcurrencyPerAccount);
        putIfSet(request, "approvalTimeoutSeconds", approvalTimeoutSeconds);
        return request;
    }

    private void usersFrom(ObjectNode request, List<String> problems) {
        String location = usersFrom.startsWith("s3://") ? usersFrom.substring("s3://".length()) : null;
        int slash = location == null ? -1 : location.indexOf('/');
        if (slash <= 0 || slash == location.length() - 1) {
            problems.add("--users-from \"" + usersFrom + "\" must be s3://BUCKET/KEY, e.g."
                    + " s3://my-offboarding-lists/leavers/2026-12.csv");
            return;
        }
        request.putObject("usersFrom").put("bucket", location.substring(0, slash))
                .put("key", location.substring(slash + 1));
    }

    private static void putIfSet(ObjectNode request, String field, Integer value) {
        if (value != null) {
            request.put(field, value);
        }
    }

    private List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        addIf(given, run != null, "--run");
        addIf(given, accounts != null, "--account");
        addIf(given, organization, "--organization");
        addIf(given, users != null, "--user");
        addIf(given, usersFrom != null, "--users-from");
        addIf(given, pathPrefix != null, "--path-prefix");
        addIf(given, tags != null, "--tag");
        addIf(given, unusedForDays != null, "--unused-for-days");
        addIf(given, quarantineDays != null, "--quarantine-days");
        addIf(given, reason != null, "--reason");
        addIf(given, requestedBy != null, "--requested-by");
        addIf(given, requireApproval, "--require-approval");
        addIf(given, maxUsersPerRun != null, "--max-users");
        addIf(given, maxShareOfAccount != null, "--max-share");
        addIf(given, maxConcurrencyPerAccount != null, "--max-concurrency-per-account");
        addIf(given, approvalTimeoutSeconds != null, "--approval-timeout");
        return given;
    }

    private static void addIf(List<String> given, boolean set, String flag) {
        if (set) {
            given.add(flag);
        }
    }

    private static ObjectNode read(Path file) {
        JsonNode tree;
        try {
            tree = Json.allowingComments().readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--request " + file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException("--request " + file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("--request " + file + ": cannot be read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new UsageException("--request " + file + ": a fleet request is a JSON object, e.g."
                    + " {\"users\": [\"alice\"], \"reason\": \"...\"}");
        }
        return (ObjectNode) tree;
    }
}
