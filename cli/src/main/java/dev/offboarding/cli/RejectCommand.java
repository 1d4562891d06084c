package dev.offboarding.cli;

import java.time.Clock;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

@Command(name = "reject",
        description = {
            "Rejects a fleet run that waits for a decision; nobody is offboarded.",
            "The run ends as REJECTED (Offboarding.FleetRejected). Who rejects is the",
            "identity of the command's AWS credentials, kept in the fleet report.",
            "The decision is sent with the approval step's task token, read from the",
            "execution's history: the token is never printed, because whoever holds it",
            "decides (it is a bearer credential)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard reject stale-2026-12-20261201T090000Z --reason \"Wrong accounts\"",
            "",
            "Exit codes: 0 rejected; 1 the execution does not wait for a decision (ended,",
            "already decided, timed out, not a fleet execution): nothing was sent; 2 a",
            "bad RUN or flag; 3 could not run (no credentials, access denied)."},
        mixinStandardHelpOptions = true)
final class RejectCommand extends DecisionCommand {
    RejectCommand() {
        this(SfnClient::create, StsClient::create, CloudFormationClient::create, Clock.systemUTC());
    }

    RejectCommand(Supplier<SfnClient> sfn, Supplier<StsClient> sts, Supplier<CloudFormationClient> cloudFormation,
                  Clock clock) {
        super(sfn, sts, cloudFormation, clock);
    }

    @Override
    boolean approves() {
        return false;
    }
}
