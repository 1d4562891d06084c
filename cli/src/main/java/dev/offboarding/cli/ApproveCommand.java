package dev.offboarding.cli;

import java.time.Clock;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

@Command(name = "approve",
        description = {
            "Approves a fleet run that waits for a decision (--require-approval).",
            "It prints the plan's summary, then the run goes on and offboards the users",
            "the plan would offboard. Who approves is the identity of the command's AWS",
            "credentials (STS GetCallerIdentity), kept in the fleet report.",
            "The decision is sent with the approval step's task token, read from the",
            "execution's history: the token is never printed, because whoever holds it",
            "decides (it is a bearer credential). Whoever may call GetExecutionHistory",
            "and SendTaskSuccess on the execution may approve."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard approve stale-2026-12-20261201T090000Z --reason \"Checked with HR\"",
            "  ./offboard approve \\",
            "      arn:aws:states:eu-west-1:123456789012:execution:OffboardFleet:x",
            "",
            "Exit codes: 0 approved; 1 the execution does not wait for a decision (ended,",
            "already decided, timed out, not a fleet execution): nothing was sent; 2 a",
            "bad RUN or flag; 3 could not run (no credentials, access denied, the plan",
            "not found in the history)."},
        mixinStandardHelpOptions = true)
final class ApproveCommand extends DecisionCommand {
    ApproveCommand() {
        this(SfnClient::create, StsClient::create, CloudFormationClient::create, Clock.systemUTC());
    }

    ApproveCommand(Supplier<SfnClient> sfn, Supplier<StsClient> sts, Supplier<CloudFormationClient> cloudFormation,
                   Clock clock) {
        super(sfn, sts, cloudFormation, clock);
    }

    @Override
    boolean approves() {
        return true;
    }
}
