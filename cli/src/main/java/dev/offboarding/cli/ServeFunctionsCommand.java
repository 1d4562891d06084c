package dev.offboarding.cli;

import dev.offboarding.iam.IamClients;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.local.LocalLambdaHost;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.IamSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@Command(name = "serve-functions",
        description = {
            "Serves the real functions through Lambda's Invoke API, until Ctrl-C.",
            "It listens on the loopback address (127.0.0.1) only, as `sam local",
            "start-lambda` does: the AWS CLI, an AWS SDK or a local Step Functions",
            "engine invokes the functions with its Lambda endpoint set to the URL",
            "printed (--endpoint-url, or AWS_ENDPOINT_URL_LAMBDA). A function is named",
            "as Invoke accepts it: a name or an ARN, either with a version or alias",
            "(list-tokens:live).",
            "With a scenario (the default), IAM is the in-memory simulator loaded from",
            "the scenario file, its clock starting at the world's \"now\". With",
            "--real-iam, IAM is what the standard AWS SDK configuration points to",
            "(profile, region, AWS_ENDPOINT_URL_IAM, ...): delete-user, and remove-tokens",
            "without \"dryRun\": true, then really change it."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./offboard serve-functions",
            "      little_tester's world on the simulator, at http://127.0.0.1:3001",
            "  aws lambda invoke --endpoint-url http://127.0.0.1:3001 \\",
            "      --function-name list-tokens --cli-binary-format raw-in-base64-out \\",
            "      --payload file://events/list-tokens.json out.json",
            "      from another terminal: the inventory is in out.json",
            "  ./offboard serve-functions --port 0 \\",
            "      --scenario events/scenarios/every-blocker.json",
            "      on a free port (printed)",
            "  AWS_PROFILE=sandbox ./offboard serve-functions --real-iam",
            "",
            "Exit codes: 0 stopped by Ctrl-C; 2 a bad flag or scenario file, nothing",
            "served; 3 could not run: the port is taken, no credentials (--real-iam)."},
        mixinStandardHelpOptions = true)
final class ServeFunctionsCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 3001;
    static final String EXAMPLE_EVENT = "events/list-tokens.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, converter = Port.class,
            description = "The port on 127.0.0.1 (0 to 65535; 0: a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario file whose world the simulator starts from. Default: "
                    + LocalCommand.DEFAULT_SCENARIO)
    Path scenario;

    @Option(names = "--real-iam",
            description = "Serve the functions over the IAM of the standard AWS SDK configuration instead.")
    boolean realIam;

    private final Supplier<IamClient> realIamClients;
    private final Supplier<StsClient> realSts;
    /** The simulator served (scenario mode), for whoever wants to look at IAM's state. */
    volatile IamSimulator simulator;

    ServeFunctionsCommand() {
        this(IamClients::fromEnvironment, StsClient::create);
    }

    ServeFunctionsCommand(Supplier<IamClient> realIam, Supplier<StsClient> realSts) {
        this.realIamClients = realIam;
        this.realSts = realSts;
    }

    @Override
    public Integer call() throws IOException {
        if (realIam && scenario != null) {
            throw new UsageException("--real-iam and --scenario: give one (the IAM to serve the functions over)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path home = ProjectHome.find();
        String over;
        LocalFunctions functions;
        if (realIam) {
            GetCallerIdentityResponse caller = callerIdentity();
            String account = caller.account() != null ? caller.account() : LocalCommand.accountOf(caller.arn());
            functions = new LocalFunctions(realIamClients.get(), account, Clock.systemUTC(),
                    GuardSettings.fromEnvironment(System.getenv()), Pause.REAL);
            over = "real IAM as " + caller.arn() + " (account " + account + ")";
        } else {
            ScenarioFile file = ScenarioFile.load(home.resolve(scenario == null
                    ? Path.of(LocalCommand.DEFAULT_SCENARIO) : scenario));
            Clock clock = file.realTimeClock();
            IamSimulator iam = file.simulator(clock, file.visibilityLagSeconds());
            if (file.recreateAccessKeyOnDelete()) {
                String userName = file.userName();
                iam.afterCall("DeleteAccessKey", sim -> sim.createAccessKey(r -> r.userName(userName)));
            }
            simulator = iam;
            functions = new LocalFunctions(iam, iam.accountId(), clock, GuardSettings.defaults(), Pause.REAL);
            over = "the in-memory IAM simulator (scenario " + file.name() + ", account " + iam.accountId()
                    + ", visibility lag " + file.visibilityLagSeconds() + " s)";
        }
        LocalLambdaHost host = start(functions, out);
        try {
            String url = host.url().toString();
            out.println("Serving " + String.join(", ", functions.names()) + " over " + over);
            out.println("through Lambda's Invoke API at");
            out.println("  " + url);
            out.println("Invoke one from another terminal, e.g.:");
            out.println("  aws lambda invoke --endpoint-url " + url + " --function-name list-tokens"
                    + " --cli-binary-format raw-in-base64-out --payload file://" + EXAMPLE_EVENT + " out.json");
            if (realIam) {
                out.println("delete-user, and remove-tokens without \"dryRun\": true, really change that IAM.");
            }
            out.println("Each invocation is listed below. Stop with Ctrl-C.");
            out.flush();
            awaitInterruption(host, out);
        } finally {
            host.close();
        }
        return ExitCode.SUCCEEDED;
    }

    private LocalLambdaHost start(LocalFunctions functions, PrintWriter out) throws IOException {
        try {
            return LocalLambdaHost.start(functions, port, line -> {
                synchronized (out) {
                    out.println("  " + line);
                    out.flush();
                }
            });
        } catch (BindException e) {
            throw new CannotRunException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "): another"
                    + " server may hold it; choose another with --port, or --port 0 for a free one", e);
        }
    }

    /**
     * Blocks until this thread is interrupted or the JVM shuts down (Ctrl-C): either way the host is closed before
     * the command ends.
     */
    private static void awaitInterruption(LocalLambdaHost host, PrintWriter out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onShutdown = new Thread(() -> {
            host.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "serve-functions-shutdown");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Stopped.");
            out.flush();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: it closed the host.
            }
        }
    }

    private GetCallerIdentityResponse callerIdentity() {
        try (StsClient sts = realSts.get()) {
            return sts.getCallerIdentity();
        } catch (SdkClientException e) {
            throw Aws.noCredentials(e);
        }
    }

    /** A TCP port: 0 (any free one) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a port number; give 0 to 65535");
            }
            if (port < 0 || port > 65535) {
                throw new TypeConversionException(port + " is out of bounds; give a port from 0 to 65535");
            }
            return port;
        }
    }
}
