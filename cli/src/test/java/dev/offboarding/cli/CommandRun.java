package dev.offboarding.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    private static CommandRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
