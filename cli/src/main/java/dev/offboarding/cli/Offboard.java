package dev.offboarding.cli;

import dev.offboarding.errors.RecordStoreUnavailableException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "offboard",
        description = {"Offboards AWS IAM users completely and safely, with the offboard-user workflow;",
            "waits for a new role to be really usable, with the wait-for-role workflow;",
            "serves the functions on this machine through Lambda's Invoke API;",
            "undoes a quarantined user's lock-out, with the reinstate-user function;",
            "lists and shows the offboarding records;",
            "plans and offboards many users at once, with the offboard-fleet workflow,",
            "and approves or rejects a fleet run that waits for a decision."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  succeeded: DELETED, ALREADY_ABSENT or DRY_RUN; the role is usable;",
            "     reinstate: REINSTATED or a dry run",
            "     (start without --wait: the execution was started); local: also a run",
            "     that failed or timed out after the user was deleted (it says so);",
            "     serve-functions: stopped by Ctrl-C; fleet: COMPLETED or DRY_RUN;",
            "     approve, reject: the decision was taken",
            "  1  the workflow ended in a Fail state (refused or failed);",
            "     its Error and Cause are printed (local: and what it changed in IAM);",
            "     records show: no record at that key; approve, reject: the execution",
            "     does not wait for a decision (ended, already decided, timed out)",
            "  2  the command line is wrong: an unknown option, a bad value (the flag",
            "     is named), a malformed scenario file (the file and key are named);",
            "     nothing was run",
            "  3  the command could not run: no credentials, no or too old Node.js,",
            "     unknown state machine; local: the run timed out (--timeout) before",
            "     the user was deleted (it says what it changed in IAM); serve-functions:",
            "     the port is taken; records: the record store could not be read (its",
            "     location and what S3 or the folder answered are named)",
            "",
            "Run 'offboard <command> --help' for a command's options and examples."},
        subcommands = {LocalCommand.class, StartCommand.class, WaitForRoleCommand.class, ServeFunctionsCommand.class,
            RecordsCommand.class, ReinstateCommand.class, FleetCommand.class, ApproveCommand.class,
            RejectCommand.class},
        mixinStandardHelpOptions = true,
        version = "offboard 0.1.0")
public final class Offboard implements Runnable {

    public static void main(String[] args) {
        System.exit(withCommands(new LocalCommand(), new StartCommand(), new WaitForRoleCommand(),
                new ServeFunctionsCommand(), new RecordsCommand(), new ReinstateCommand(), new FleetCommand(),
                new ApproveCommand(), new RejectCommand()).execute(args));
    }

    static CommandLine commandLine(LocalCommand local, StartCommand start, WaitForRoleCommand waitForRole) {
        return commandLine(local, start, waitForRole, new ServeFunctionsCommand());
    }

    static CommandLine commandLine(LocalCommand local, StartCommand start, WaitForRoleCommand waitForRole,
                                   ServeFunctionsCommand serveFunctions) {
        return commandLine(local, start, waitForRole, serveFunctions, new RecordsCommand());
    }

    static CommandLine commandLine(LocalCommand local, StartCommand start, WaitForRoleCommand waitForRole,
                                   ServeFunctionsCommand serveFunctions, RecordsCommand records) {
        return commandLine(local, start, waitForRole, serveFunctions, records, new ReinstateCommand());
    }

    /** The command line with the given subcommand instances (tests pass instances with stubbed AWS clients). */
    static CommandLine commandLine(LocalCommand local, StartCommand start, WaitForRoleCommand waitForRole,
                                   ServeFunctionsCommand serveFunctions, RecordsCommand records,
                                   ReinstateCommand reinstate) {
        return withCommands(local, start, waitForRole, serveFunctions, records, reinstate);
    }

    /**
     * The command line with these subcommand instances; every other subcommand is made as picocli makes it (with the
     * standard AWS SDK configuration).
     */
    static CommandLine withCommands(Object... commands) {
        Map<Class<?>, Object> given = new HashMap<>();
        for (Object command : commands) {
            given.put(command.getClass(), command);
        }
        CommandLine commandLine = new CommandLine(new Offboard(), new SubcommandFactory(given));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                cmd.getErr().println("Nothing was run. See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
                return ExitCode.USAGE;
            }
            if (e instanceof NotAwaitingDecisionException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return ExitCode.NOT_AWAITING_DECISION;
            }
            if (e instanceof CannotRunException) {
                cmd.getErr().println("offboard: " + e.getMessage());
                return ExitCode.CANNOT_RUN;
            }
            if (e instanceof RecordStoreUnavailableException) {
                cmd.getErr().println("offboard: " + e.getMessage());
                return ExitCode.CANNOT_RUN;
            }
            if (e instanceof dev.offboarding.local.LocalEngineException) {
                cmd.getErr().println("offboard: " + e.getMessage());
                return ExitCode.CANNOT_RUN;
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Hands picocli the prepared subcommand instances. */
    private record SubcommandFactory(Map<Class<?>, Object> given) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object command = given.get(type);
            return command != null ? type.cast(command) : CommandLine.defaultFactory().create(type);
        }
    }
}
