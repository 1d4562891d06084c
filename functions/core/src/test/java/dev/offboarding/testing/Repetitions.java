package dev.offboarding.testing;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@link ConcurrencySensitive} test {@code -Dconcurrency.repeat} times (default once). */
public final class Repetitions implements TestTemplateInvocationContextProvider {
    /** The system property that says how many times each concurrency-sensitive test runs. */
    public static final String PROPERTY = "concurrency.repeat";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), ConcurrencySensitive.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        int times = times();
        return IntStream.rangeClosed(1, times).mapToObj(run -> new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return times == 1 ? context.getDisplayName() : "run " + run + " of " + times;
            }
        });
    }

    static int times() {
        String value = System.getProperty(PROPERTY, "1").strip();
        try {
            int times = Integer.parseInt(value);
            if (times >= 1) {
                return times;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number of at least 1: " + value);
    }
}
