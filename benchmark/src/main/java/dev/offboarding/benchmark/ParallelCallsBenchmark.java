package dev.offboarding.benchmark;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.deleteuser.DeleteUserHandler;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.listtokens.ListTokensHandler;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.removetokens.RemoveTokensHandler;
import dev.offboarding.simulator.IamSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One warm invocation of a function in this JVM against the simulator with {@link #IAM_LATENCY} per IAM call: the
 * latency a warm Lambda shows, dominated by round trips. A fresh world for every invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParallelCallsBenchmark {
    static final Duration IAM_LATENCY = Duration.ofMillis(50);

    @Param({"list-tokens", "remove-tokens", "delete-user"})
    public String function;

    @Param({"little-tester", "every-blocker"})
    public String scenario;

    private RequestStreamHandler handler;
    private String request;

    @Setup(Level.Invocation)
    public void freshWorld() {
        Case prepared = Case.prepare(Repository.find(), function, scenario);
        handler = prepared.handler();
        request = prepared.request();
    }

    @Benchmark
    public JsonNode invoke() {
        return Functions.invoke(handler, request);
    }

    /** A function over a fresh simulator (with the per-call latency set) and the request it is sent. */
    record Case(IamSimulator iam, RequestStreamHandler handler, String request) {

        static Case prepare(Repository repo, String function, String scenario) {
            String user = scenario.replace('-', '_');
            IamSimulator iam = Functions.world(repo.scenario(scenario));
            IamGateway gateway = new IamGateway(iam);
            Case prepared = switch (function) {
                case "list-tokens" -> new Case(iam, new ListTokensHandler(gateway, GuardSettings.defaults(),
                        Clock.systemUTC()), "{\"userName\": \"" + user + "\"}");
                case "remove-tokens" -> new Case(iam, new RemoveTokensHandler(gateway, Pause.REAL, Clock.systemUTC()),
                        Functions.removeRequest(Functions.listTokens(iam, user)).toString());
                case "delete-user" -> {
                    Functions.removeTokens(iam, Functions.listTokens(iam, user));
                    yield new Case(iam, new DeleteUserHandler(gateway, Clock.systemUTC()),
                            "{\"userName\": \"" + user + "\"}");
                }
                default -> throw new IllegalArgumentException(function);
            };
            iam.calls().clear();
            iam.callLatency(IAM_LATENCY);
            return prepared;
        }
    }
}
