package dev.offboarding.statemachine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.OffboardingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Step Functions matches ErrorEquals against the fully qualified class name the Lambda Java runtime reports. A
 * name that is not a class of the built functions would never match: every such name must resolve. Step Functions'
 * own names (States.*), Lambda's (Lambda.*, Sandbox.Timedout) and EventBridge's (EventBridge.*, of events:putEvents), Step Functions' (StepFunctions.*, of states:startExecution)
 * are not classes.
 */
class ErrorNamesAreJavaClassesTest {

    @Test
    void everyErrorEqualsNameThatIsNotStatesOrLambdaIsAnOffboardingExceptionClass() throws IOException {
        Set<String> names = errorNames();
        assertFalse(names.isEmpty(), "the definitions retry and catch Java errors");
        List<String> unresolved = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name);
                assertTrue(OffboardingException.class.isAssignableFrom(type), name + " is not an OffboardingException");
            } catch (ClassNotFoundException e) {
                unresolved.add(name);
            }
        }
        assertTrue(unresolved.isEmpty(), "ErrorEquals names with no class in the built functions: " + unresolved);
    }

    @Test
    void aMisspelledNameWouldBeCaught() {
        assertFalse(resolves("dev.offboarding.errors.UserDeleteConflictExeption"));
        assertTrue(resolves("dev.offboarding.errors.UserDeleteConflictException"));
    }

    private static boolean resolves(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static Set<String> errorNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(RealFunctions.STATEMACHINE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".asl.json")).toList()) {
                collect(RealFunctions.read(file), names);
            }
        }
        names.removeIf(n -> n.startsWith("States.") || n.startsWith("Lambda.") || n.equals("Sandbox.Timedout")
                || n.startsWith("EventBridge.") || n.startsWith("StepFunctions."));
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ("ErrorEquals".equals(e.getKey())) {
                    e.getValue().forEach(n -> names.add(n.asText()));
                } else {
                    collect(e.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }
}
