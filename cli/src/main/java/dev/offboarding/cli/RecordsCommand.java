package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.offboarding.json.Json;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "records",
        description = {
            "Lists and shows the offboarding records: one per execution, rewritten at",
            "each stage (IN_PROGRESS, then how it ended), kept in S3 by the deployed",
            "workflow (RecordsBucket, under records/) or in a folder by local runs.",
            "A record's key is <accountId>/<userName>/<startedAt>_<execution>.json."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard records list",
            "      the records of local runs, in ./offboarding-records",
            "  AWS_PROFILE=audit ./offboard records list \\",
            "      --records s3://my-records-bucket/records \\",
            "      --account 123456789012 --user little_tester",
            "  ./offboard records show --json \\",
            "      123456789012/little_tester/20261202T013000Z_x.json",
            "",
            "Exit codes: 0 listed or shown; 1 no record at that key; 2 a bad flag",
            "(named); 3 the records could not be read (the location, and what S3",
            "or the folder answered, are named)."},
        subcommands = {RecordsCommand.ListRecords.class, RecordsCommand.ShowRecord.class},
        mixinStandardHelpOptions = true)
final class RecordsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The S3 clients to read with, or null: one of the standard SDK configuration, built on first use. */
    private final Supplier<S3Client> s3;

    RecordsCommand() {
        this(null);
    }

    RecordsCommand(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    RecordStore open(RecordsLocation location) {
        return location.open(s3);
    }

    @Command(name = "list",
            description = {
                "Lists records, one line each, newest last (by start time).",
                "A line is the record's key, outcome, userName, accountId, startedAt and",
                "updatedAt (from the record itself; '-' where it has none); a reinstate's",
                "record has '(reinstate)' after its outcome.",
                "--account and --user: that user's records in that account (one prefix).",
                "--account only: every record of that account. --user only: that user's",
                "records in every account (the whole store is listed to find them).",
                "Neither: every record."},
            mixinStandardHelpOptions = true)
    static final class ListRecords implements Callable<Integer> {
        @ParentCommand
        RecordsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        RecordsLocation records = new RecordsLocation();

        @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only this account's records (12 digits).")
        String account;

        @Option(names = "--user", paramLabel = "NAME", description = "Only this IAM user's records.")
        String user;

        @Option(names = "--json", description = "Print a JSON array of {key, location, outcome, userName, accountId,"
                + " startedAt, updatedAt}, and for a reinstate's record the offboarding record it undoes"
                + " (reinstates).")
        boolean json;

        @Override
        public Integer call() {
            String prefix = prefix();
            RecordStore store = parent.open(records);
            List<RecordSummary> summaries = new ArrayList<>();
            for (String key : store.keys(prefix)) {
                if (user == null || account != null || user.equals(userIn(key))) {
                    Optional<byte[]> record = store.get(key);
                    summaries.add(record.map(json -> RecordSummary.of(key, store.describe(key), json))
                            .orElseGet(() -> RecordSummary.gone(key, store.describe(key))));
                }
            }
            summaries.sort(RecordSummary.START_ORDER);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.mapper().createArrayNode();
                summaries.forEach(summary -> array.add(summary.toJson()));
                out.println(array.toPrettyString());
            } else if (summaries.isEmpty()) {
                spec.commandLine().getErr().println("No records at " + store.describe(prefix)
                        + (user != null && account == null ? " of user " + user : "") + ".");
            } else {
                printAligned(out, summaries);
            }
            out.flush();
            return ExitCode.SUCCEEDED;
        }

        /** The one prefix to list; a malformed --account or --user is a usage error naming it. */
        private String prefix() {
            String accountPrefix = "";
            if (account != null) {
                try {
                    accountPrefix = RecordKeys.accountPrefix(account);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--account: " + e.getMessage());
                }
            }
            if (user == null) {
                return accountPrefix;
            }
            String userPrefix;
            try {
                userPrefix = RecordKeys.userPrefix(account != null ? account : "000000000000", user);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--user: " + e.getMessage());
            }
            return account != null ? userPrefix : "";
        }

        private static String userIn(String key) {
            String[] segments = key.split("/", 3);
            return segments.length == 3 ? segments[1] : null;
        }

        private static void printAligned(PrintWriter out, List<RecordSummary> summaries) {
            int[] widths = new int[summaries.get(0).columns().size()];
            for (RecordSummary summary : summaries) {
                List<String> columns = summary.columns();
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], columns.get(i).length());
                }
            }
            for (RecordSummary summary : summaries) {
                List<String> columns = summary.columns();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    line.append(i == widths.length - 1 ? columns.get(i)
                            : String.format("%-" + widths[i] + "s  ", columns.get(i)));
                }
                out.println(line);
            }
        }
    }

    @Command(name = "show",
            description = {"Shows one record: where it is, its outcome, and the record itself."},
            mixinStandardHelpOptions = true)
    static final class ShowRecord implements Callable<Integer> {
        @ParentCommand
        RecordsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        RecordsLocation records = new RecordsLocation();

        @Parameters(paramLabel = "KEY", description = "The record's key, as 'offboard records list' prints it.")
        String key;

        @Option(names = "--json", description = "Print only the record, exactly as it is stored.")
        boolean json;

        @Override
        public Integer call() {
            RecordStore store = parent.open(records);
            Optional<byte[]> record;
            try {
                record = store.get(key);
            } catch (IllegalArgumentException e) {
                throw new UsageException("KEY: " + e.getMessage() + " (give a key as 'offboard records list' prints"
                        + " it: <accountId>/<userName>/<startedAt>_<execution>.json)");
            }
            if (record.isEmpty()) {
                spec.commandLine().getErr().println("offboard records show: no record " + key + " at "
                        + store.describe(key));
                return ExitCode.NO_SUCH_RECORD;
            }
            PrintWriter out = spec.commandLine().getOut();
            String text = new String(record.get(), StandardCharsets.UTF_8);
            if (json) {
                out.print(text.endsWith("\n") ? text : text + "\n");
            } else {
                RecordSummary summary = RecordSummary.of(key, store.describe(key), record.get());
                out.println("Record " + key);
                out.println("  at " + summary.location());
                if (summary.unreadable() != null) {
                    out.println("  (" + summary.unreadable() + "; as stored:)");
                    out.println(text);
                } else {
                    out.println("  " + or(summary.outcome()) + ": " + or(summary.userName()) + " in account "
                            + or(summary.accountId()) + ", started " + or(summary.startedAt()) + ", updated "
                            + or(summary.updatedAt()));
                    if (summary.reinstate()) {
                        out.println("  a reinstate, of the lock-out in " + or(summary.reinstates()));
                    }
                    out.println(pretty(record.get()));
                }
            }
            out.flush();
            return ExitCode.SUCCEEDED;
        }

        private static String or(String value) {
            return value == null ? "-" : value;
        }

        private static String pretty(byte[] record) {
            try {
                JsonNode json = Json.mapper().readTree(record);
                return json.toPrettyString();
            } catch (IOException e) {
                return new String(record, StandardCharsets.UTF_8);
            }
        }
    }
}
