package dev.offboarding.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamHttpEndpoint;
import dev.offboarding.simulator.IamSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command, `offboard local --user NAME --execute --records DIR`, in its own JVM against the IAM its
 * standard SDK configuration names (AWS_ENDPOINT_URL_IAM: the simulator behind its HTTP endpoint), killed with
 * SIGKILL right after IAM has deactivated the user's virtual MFA device and before the device is deleted: the device
 * is then no longer the user's in IAM's eyes, only the run's record knows whose it was. Run again with the same
 * records folder, the command finishes the job: the user is deleted, no virtual MFA device is left orphaned, and the
 * records say what happened. Nothing of the killed run lives on: its engine's Node.js process ends with it.
 */
class RealIamKillJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String USER = "little_tester";
    private static final String VIRTUAL_MFA = "arn:aws:iam::" + ACCOUNT + ":mfa/little_tester";
    /** An unassigned device of the account: whatever a run recovers, it is not this. */
    private static final String SPARE_MFA = "arn:aws:iam::" + ACCOUNT + ":mfa/spare";
    /** How long the killed run's engine may take to notice that its JVM is gone and end. */
    private static final long ENGINE_END_SECONDS = 30;
    private static final long RUN_MINUTES = 3;

    @TempDir
    Path temp;
    private IamSimulator simulator;
    private IamHttpEndpoint iamEndpoint;
    private CallerIdentityEndpoint stsEndpoint;
    /** Every process this test started, and those they started that it saw (an orphan is no one's descendant). */
    private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startIam() throws IOException {
        JsonNode scenario = JSON.readTree(Files.readString(
                ProjectHome.find().resolve("events/scenarios/little-tester.json")));
        ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", "arn:aws:iam::" + ACCOUNT + ":role/offboarding-operator");
        world.putArray("virtualMfaDevices").addObject().put("serialNumber", SPARE_MFA);
        simulator = IamSimulator.fromWorld(world, Clock.systemUTC());
        iamEndpoint = IamHttpEndpoint.start(simulator);
        stsEndpoint = CallerIdentityEndpoint.start(simulator.sts());
    }

    @AfterEach
    void stopEverything() {
        // Whatever a failed assertion left running is ended here, so that no test leaves a process behind.
        for (ProcessHandle process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (ProcessHandle process : started) {
            process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        }
        stsEndpoint.close();
        iamEndpoint.close();
    }

    @Test
    void aRunKilledBetweenDeactivatingAndDeletingAVirtualMfaDeviceIsFinishedByTheNextRun() throws Exception {
        Path records = temp.resolve("records");
        CompletableFuture<Command> first = new CompletableFuture<>();
        List<Descendant> firstsDescendants = new CopyOnWriteArrayList<>();
        simulator.faults().crashAfter(call -> call.operation().equals("DeactivateMFADevice")
                && call.target().endsWith("/" + VIRTUAL_MFA), () -> {
                    // Inside IAM, the deactivation made: the process waiting for its answer dies, as by kill -9.
                    Command killing = first.join();
                    killing.process().descendants().map(Descendant::of).forEach(firstsDescendants::add);
                    firstsDescendants.forEach(descendant -> started.add(descendant.handle()));
                    killing.process().destroyForcibly();
                    killing.awaitExit();
                });

        first.complete(offboard("local", "--user", USER, "--execute", "--records", records.toString()));
        Result killed = first.join().awaitResult();

        assertEquals(128 + 9, killed.exitCode(), "killed by SIGKILL at the crash point: " + killed);
        List<Call> calls = simulator.calls().all();
        assertEquals(simulator.faults().crashedAfter().orElseThrow(), calls.get(calls.size() - 1),
                "no IAM call arrived after the deactivation");
        assertTrue(firstsDescendants.stream().anyMatch(Descendant::isTheEngine),
                "the killed run had its engine running: " + firstsDescendants);
        assertEquals(List.of(), stillRunningAfter(firstsDescendants, ENGINE_END_SECONDS),
                "the killed run's engine ended with it");
        simulator.faults().restart();
        assertTrue(simulator.virtualMfaDeviceSerials().contains(VIRTUAL_MFA), "deactivated, not deleted");
        assertEquals(List.of(), simulator.listMFADevices(r -> r.userName(USER)).mfaDevices(),
                "IAM no longer lists the device for the user");
        DirectoryRecordStore store = new DirectoryRecordStore(records);
        List<String> firstKeys = store.keys(RecordKeys.userPrefix(ACCOUNT, USER));
        assertEquals(1, firstKeys.size(), firstKeys.toString());
        byte[] unfinishedBytes = store.get(firstKeys.get(0)).orElseThrow();
        JsonNode unfinished = JSON.readTree(unfinishedBytes);
        assertEquals("IN_PROGRESS", unfinished.path("outcome").asText(), unfinished.toPrettyString());
        JsonNode pending = unfinished.path("pending");
        assertEquals("RemoveTokens", pending.path("step").asText(), "the killed run was in its round: " + pending);
        assertTrue(plannedItems(pending).contains("MFA_DEVICE " + VIRTUAL_MFA),
                "the round's plan names the device: " + pending.path("plan"));

        Result second = offboard("local", "--user", USER, "--execute", "--records", records.toString(), "--json")
                .awaitResult();

        assertEquals(ExitCode.SUCCEEDED, second.exitCode(), second.toString());
        assertEquals("DELETED", JSON.readTree(second.out()).path("output").path("outcome").asText(), second.out());
        assertFalse(simulator.userExists(USER), "the user is deleted");
        assertEquals(Set.of(SPARE_MFA), simulator.virtualMfaDeviceSerials(),
                "the user's deactivated device is deleted, nothing is orphaned, and no other device is touched");
        assertEquals(List.of("DeleteVirtualMFADevice"), changesOf(simulator.calls().all().subList(calls.size(),
                simulator.calls().all().size()), VIRTUAL_MFA), "the next run deletes it without deactivating it again");

        List<String> keys = store.keys(RecordKeys.userPrefix(ACCOUNT, USER));
        assertEquals(2, keys.size(), "one record per run: " + keys);
        assertEquals(firstKeys.get(0), keys.get(0), "the killed run's record comes first: " + keys);
        assertArrayEquals(unfinishedBytes, store.get(keys.get(0)).orElseThrow(), "and stays as the killed run left it");
        JsonNode finished = JSON.readTree(store.get(keys.get(1)).orElseThrow());
        assertEquals("DELETED", finished.path("outcome").asText(), finished.toPrettyString());
        assertTrue(finished.path("pending").isNull(), "nothing pending: " + finished.path("pending"));
        JsonNode recoveredFrom = finished.path("recoveredFrom");
        assertEquals(keys.get(0), recoveredFrom.path("key").asText(), "it names the unfinished record: " + recoveredFrom);
        assertEquals(unfinished.path("executionId").asText(), recoveredFrom.path("executionId").asText());
        assertTrue(texts(recoveredFrom.path("mfaDevices")).contains(VIRTUAL_MFA), recoveredFrom.toString());

        Result listed = offboard("records", "list", "--records", records.toString(), "--account", ACCOUNT, "--user",
                USER, "--json").awaitResult();

        assertEquals(ExitCode.SUCCEEDED, listed.exitCode(), listed.toString());
        JsonNode list = JSON.readTree(listed.out());
        List<String> listedKeys = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        list.forEach(record -> {
            listedKeys.add(record.path("key").asText());
            outcomes.add(record.path("outcome").asText());
        });
        assertEquals(keys, listedKeys, "both records, oldest first: " + listed.out());
        assertEquals(List.of("IN_PROGRESS", "DELETED"), outcomes, listed.out());
    }

    // ---- the command, as ./offboard runs it ---------------------------------------------------------------------

    private record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }

    /** A running offboard process, its output read as it comes (so that it never blocks on a full pipe). */
    private record Command(Process process, ByteArrayOutputStream out, ByteArrayOutputStream err, List<Thread> readers) {
        void awaitExit() {
            try {
                if (!process.waitFor(RUN_MINUTES, TimeUnit.MINUTES)) {
                    throw new AssertionError("the command did not end within " + RUN_MINUTES + " minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the command", e);
            }
        }

        Result awaitResult() throws InterruptedException {
            awaitExit();
            for (Thread reader : readers) {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            }
            synchronized (out) {
                synchronized (err) {
                    return new Result(process.exitValue(), out.toString(UTF_8), err.toString(UTF_8));
                }
            }
        }
    }

    private Command offboard(String... args) throws IOException {
        Path jar = Path.of("target", "offboard.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "mvn package builds " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + ProjectHome.PROPERTY + "=" + ProjectHome.find(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(Map.of(
                "AWS_ENDPOINT_URL_IAM", iamEndpoint.uri().toString(),
                "AWS_ENDPOINT_URL_STS", stsEndpoint.uri().toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDLOCAL",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_CONFIG_FILE", temp.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true"));
        Process process = builder.start();
        started.add(process.toHandle());
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Thread> readers = List.of(reader(process.getInputStream(), out), reader(process.getErrorStream(), err));
        return new Command(process, out, err, readers);
    }

    private static Thread reader(InputStream from, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "offboard-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    // ---- what is left ------------------------------------------------------------------------------------------

    /** A process the command had started, as it was while the command lived (a dead one tells nothing more). */
    private record Descendant(ProcessHandle handle, List<String> arguments) {
        static Descendant of(ProcessHandle process) {
            return new Descendant(process, process.info().arguments().map(List::of).orElse(List.of()));
        }

        boolean isTheEngine() {
            return arguments.stream().anyMatch(argument -> argument.endsWith("run-execution.js"));
        }

        @Override
        public String toString() {
            return handle.pid() + " " + arguments;
        }
    }

    /** Those of {@code processes} still running after waiting at most {@code seconds} for them all. */
    private static List<Descendant> stillRunningAfter(List<Descendant> processes, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Descendant process : processes) {
            try {
                process.handle().onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running: named below
            }
        }
        return processes.stream().filter(process -> process.handle().isAlive()).toList();
    }

    /** The changes made to the device in {@code calls}. */
    private static List<String> changesOf(List<Call> calls, String serial) {
        return calls.stream().filter(Call::mutating).filter(c -> c.outcome().equals("OK"))
                .filter(c -> c.target().equals(serial) || c.target().endsWith("/" + serial))
                .map(Call::operation).toList();
    }

    /** Each item of an intent's plan as "KIND id". */
    private static List<String> plannedItems(JsonNode intent) {
        List<String> items = new ArrayList<>();
        intent.path("plan").forEach(item -> items.add(item.path("kind").asText() + " " + item.path("id").asText()));
        return items;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
