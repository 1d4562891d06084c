package dev.offboarding.cli;

import dev.offboarding.local.WorkflowRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes sure the local Step Functions engine can run: a recent enough Node.js, and the engine installed. */
final class LocalEngine {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");

    private LocalEngine() {
    }

    static WorkflowRunner prepare(Path home, String node, Duration timeout, Consumer<String> say) {
        int major = nodeMajorVersion(node);
        if (major < WorkflowRunner.MINIMUM_NODE_MAJOR) {
            throw new CannotRunException("Node.js " + major + " is too old for the local Step Functions engine: install"
                    + " Node.js " + WorkflowRunner.MINIMUM_NODE_MAJOR + " or newer (or pass --node <path>)");
        }
        Path statemachine = home.resolve("statemachine");
        if (!Files.isDirectory(statemachine.resolve("node_modules/aws-local-stepfunctions"))) {
            say.accept("Installing the local Step Functions engine (npm ci in statemachine/) ...");
            run(statemachine, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        return new WorkflowRunner(statemachine, node, timeout);
    }

    static int nodeMajorVersion(String node) {
        String version = run(Path.of("."), node, "--version").strip();
        Matcher m = VERSION.matcher(version);
        if (!m.lookingAt()) {
            throw new CannotRunException("`" + node + " --version` answered \"" + version + "\", not a Node.js version");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new CannotRunException("`" + String.join(" ", command) + "` failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new CannotRunException("cannot run `" + command[0] + "`: install Node.js "
                    + WorkflowRunner.MINIMUM_NODE_MAJOR + " or newer with npm and put it on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotRunException("interrupted while running `" + command[0] + "`", e);
        }
    }
}
