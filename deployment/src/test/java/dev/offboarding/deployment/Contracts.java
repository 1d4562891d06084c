package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.checkroleusable.WaitForRoleRequest;
import dev.offboarding.deployment.RecordSchema.View;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.local.LocalContext;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validaterequest.EntrySettings;
import dev.offboarding.validaterequest.ValidateRequestHandler;
import dev.offboarding.validaterequest.WorkflowEntry;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Each JSON contract with its schema, the Java type it describes and, for an input, how the code reads it. A
 * function's come from the template: {@code schemas/<module>.input.schema.json} is its handler's input type as the
 * handler reads it, {@code schemas/<module>.output.schema.json} its output type as it writes it, so a new function
 * needs only its two schema files. The workflows' inputs and the audit record are listed here.
 */
final class Contracts {
    /** The execution a workflow input is validated for when read as validate-request reads it. */
    private static final String EXECUTION_NAME = "offboarding-request";
    private static final String EXECUTION = "arn:aws:states:us-east-1:" + Stack.ACCOUNT_ID
            + ":execution:OffboardUser:" + EXECUTION_NAME;

    /** The code that reads an input: returns when it accepts it, throws InvalidRequestException when it refuses it. */
    interface Reading {
        void read(JsonNode json);
    }

    /**
     * @param schema       schemas/{@code schema}.schema.json
     * @param examples     the events/ files that are examples of it: {@code <examples>.json} and {@code <examples>-*.json}
     *                     for an input, {@code <examples>-output.json} for an output (null: it has none of its own)
     * @param reading      how the code reads it (null for an output: the code writes it)
     */
    record Contract(String schema, Class<?> type, View view, String examples, Reading reading) {
        boolean hasExample(String file) {
            if (examples == null) {
                return false;
            }
            if (view == View.WRITTEN) {
                return file.equals(examples + "-output.json");
            }
            return !file.endsWith("-output.json") && (file.equals(examples + ".json") || file.startsWith(examples + "-"));
        }
    }

    private static final List<Contract> WORKFLOW_INPUTS = List.of(
            new Contract("offboarding-request", OffboardingRequest.class, View.READ, "offboarding-request",
                    Contracts::asValidateRequestReadsTheWorkflowInput),
            new Contract("wait-for-role-request", WaitForRoleRequest.class, View.READ, "wait-for-role",
                    json -> RequestReader.read(json, WaitForRoleRequest.class)));

    /**
     * The OffboardUser execution's output when it succeeds, as record-outcome writes it; its example is the record in
     * events/record-outcome-output.json.
     */
    private static final Contract AUDIT_RECORD = new Contract("audit-record", AuditRecord.class, View.WRITTEN, null,
            null);

    private Contracts() {
    }

    /** Every function's input and output (from the template), then the workflows' inputs and the audit record. */
    static List<Contract> all() {
        Template template = Template.load();
        List<Contract> all = new ArrayList<>();
        for (String logicalId : template.functions().keySet()) {
            FunctionCode function = FunctionCode.of(template, logicalId);
            Class<?> handler = handlerClass(function.handlerClass());
            Class<?> input = EveryExampleEventIsAcceptedByItsHandlerTest.handlerInputType(function.handlerClass());
            Class<?> output = EveryExampleEventIsAcceptedByItsHandlerTest.outputTypeFor(function.module() + "-output.json")
                    .orElseThrow();
            // start-offboarding's input is an EventBridge event: its examples are events/eventbridge-*.json.
            String examples = function.module().equals("start-offboarding") ? "eventbridge" : function.module();
            Consumer<JsonNode> rawCheck = rawCheckOf(handler);
            all.add(new Contract(function.module() + ".input", input, View.READ, examples, json -> RequestReader.read(
                    new ByteArrayInputStream(bytes(json)), input, rawCheck)));
            all.add(new Contract(function.module() + ".output", output, View.WRITTEN, function.module(), null));
        }
        all.addAll(WORKFLOW_INPUTS);
        all.add(AUDIT_RECORD);
        return all;
    }

    static Contract named(String schema) {
        return all().stream().filter(c -> c.schema().equals(schema)).findFirst()
                .orElseThrow(() -> new AssertionError("no contract " + schema));
    }

    /** The contract an events/ file is an example of. */
    static Optional<Contract> ofExample(String file) {
        return all().stream().filter(c -> c.hasExample(file)).findFirst();
    }

    /**
     * The workflow's input as validate-request reads it (its first state, which calls no AWS API): no null anywhere,
     * nothing only the workflow sets, then the request as every function reads it.
     */
    private static void asValidateRequestReadsTheWorkflowInput(JsonNode json) {
        new ValidateRequestHandler(new EntrySettings(Stack.ACCOUNT_ID, 0))
                .handle(new WorkflowEntry(json, EXECUTION_NAME, EXECUTION), new LocalContext("validate-request"));
    }

    /**
     * The handler's own check of the raw request (JsonRequestHandler.checkRaw), when it has one. It reads nothing but
     * its argument, so the handler it is called on is built with nothing behind it (no client, no settings).
     */
    private static Consumer<JsonNode> rawCheckOf(Class<?> handler) {
        Method check;
        try {
            check = handler.getDeclaredMethod("checkRaw", JsonNode.class);
        } catch (NoSuchMethodException e) {
            return json -> { };
        }
        check.setAccessible(true);
        Object instance = withNothingBehindIt(handler);
        return json -> {
            try {
                check.invoke(instance, json);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException refusal) {
                    throw refusal;
                }
                throw new AssertionError(e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Object withNothingBehindIt(Class<?> handler) {
        Constructor<?> constructor = Arrays.stream(handler.getDeclaredConstructors())
                .filter(c -> c.getParameterCount() > 0 && Arrays.stream(c.getParameterTypes()).noneMatch(Class::isPrimitive))
                .findFirst().orElseThrow(() -> new AssertionError(handler + " has no constructor taking its parts"));
        constructor.setAccessible(true);
        try {
            return constructor.newInstance(new Object[constructor.getParameterCount()]);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Class<?> handlerClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no handler class " + name, e);
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
