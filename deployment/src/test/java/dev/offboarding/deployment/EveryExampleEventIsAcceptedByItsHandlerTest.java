package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.offboarding.checkroleusable.WaitForRoleRequest;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.json.RequestReader;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in events/ is read, as strictly as the deployed code reads it, into the input type of what it is for:
 * {@code <function>.json} and {@code <function>-*.json} into that function's handler input (found from the
 * template's Handler), {@code eventbridge-*.json} into start-offboarding's, {@code offboarding-request*.json} into the
 * OffboardUser workflow's input, {@code wait-for-role*.json} into the wait-for-role workflow's. {@code *-output.json} are outputs and {@code put-events-*.json} are checked with the
 * rule. A file none of these rules claims is an error, so no example goes unchecked.
 */
class EveryExampleEventIsAcceptedByItsHandlerTest {
    private static final Template TEMPLATE = Template.load();

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(Repository.EVENTS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachExampleIsAcceptedByItsHandlersInputType(String file) throws IOException {
        if (file.endsWith("-output.json") || file.startsWith("put-events-")) {
            return;
        }
        Class<?> type = inputTypeFor(file).orElseGet(() -> fail("events/" + file + " belongs to no function or"
                + " workflow: name it <function>.json, <function>-<case>.json, eventbridge-<case>.json or"
                + " offboarding-request-<case>.json"));
        byte[] json = Files.readAllBytes(Repository.EVENTS.resolve(file));

        assertNotNull(RequestReader.read(new ByteArrayInputStream(json), type));
    }

    @Test
    void aMisspelledFieldInAnExampleIsReported() {
        byte[] json = "{\"userName\": \"little_tester\", \"attempts\": 0}".getBytes(StandardCharsets.UTF_8);

        assertThrows(InvalidRequestException.class,
                () -> RequestReader.read(new ByteArrayInputStream(json), inputTypeFor("delete-user.json").orElseThrow()));
    }

    @Test
    void theInputTypesComeFromTheTemplatesHandlers() {
        assertEquals("OffboardingEvent", inputTypeFor("eventbridge-offboarding-event.json").orElseThrow().getSimpleName());
        assertEquals("DeleteUserRequest", inputTypeFor("delete-user.json").orElseThrow().getSimpleName());
        assertEquals(OffboardingRequest.class, inputTypeFor("offboarding-request.json").orElseThrow());
    }

    static Optional<Class<?>> inputTypeFor(String file) {
        if (file.startsWith("offboarding-request")) {
            return Optional.of(OffboardingRequest.class);
        }
        if (file.startsWith("wait-for-role")) {
            return Optional.of(WaitForRoleRequest.class);
        }
        String module = file.startsWith("eventbridge-") ? "start-offboarding" : null;
        for (String logicalId : TEMPLATE.functions().keySet()) {
            FunctionCode function = FunctionCode.of(TEMPLATE, logicalId);
            boolean named = file.equals(function.module() + ".json") || file.startsWith(function.module() + "-");
            if (function.module().equals(module) || (module == null && named)) {
                return Optional.of(handlerInputType(function.handlerClass()));
            }
        }
        return Optional.empty();
    }

    /** I of the handler's {@code JsonRequestHandler<I, O>}. */
    static Class<?> handlerInputType(String handlerClass) {
        try {
            for (Class<?> type = Class.forName(handlerClass); type != null; type = type.getSuperclass()) {
                Type parent = type.getGenericSuperclass();
                if (parent instanceof ParameterizedType p && p.getRawType() == JsonRequestHandler.class) {
                    return (Class<?>) p.getActualTypeArguments()[0];
                }
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no handler class " + handlerClass + " on the classpath", e);
        }
        throw new AssertionError(handlerClass + " is not a JsonRequestHandler");
    }

}
