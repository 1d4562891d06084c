package dev.offboarding.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One run of the offboard command line with its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(LocalCommand local, StartCommand start, String... args) {
        return of(local, start, new WaitForRoleCommand(), args);
    }

    static CommandRun of(LocalCommand local, StartCommand start, WaitForRoleCommand waitForRole, String... args) {
        return of(Offboard.commandLine(local, start, waitForRole), args);
    }

    /** {@code offboard records ...} with {@code records}' S3 clients. */
    static CommandRun records(RecordsCommand records, String... args) {
        return of(Offboard.commandLine(new LocalCommand(), new StartCommand(), new WaitForRoleCommand(),
                new ServeFunctionsCommand(), records), args);
    }

    /** {@code offboard reinstate ...} with {@code reinstate}'s clients. */
    static CommandRun reinstate(ReinstateCommand reinstate, String... args) {
        return of(Offboard.commandLine(new LocalCommand(), new StartCommand(), new WaitForRoleCommand(),
                new ServeFunctionsCommand(), new RecordsCommand(), reinstate), args);
    }

    /** {@code offboard ...} with these command instances (and their clients); every other as in the product. */
    static CommandRun using(Object command, String... args) {
        return of(Offboard.withCommands(command), args);
    }

    private static CommandRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(withOwnRecords(args));
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /**
     * {@code offboard local} keeps its records in ./offboarding-records unless told: each test run that does not say
     * gets a folder of its own, so that no test finds another's records (nor an earlier build's) as its user's latest.
     */
    static String[] withOwnRecords(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && all.get(0).equals("local") && all.stream().noneMatch(a -> a.startsWith("--records"))) {
            try {
                Path folder = Files.createTempDirectory("offboarding-records-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(folder)));
                all.addAll(List.of("--records", folder.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toArray(String[]::new);
    }

    private static void deleteAll(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
