package dev.offboarding.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test, in place of {@code @Test}, whose outcome could depend on how threads are scheduled. It runs once,
 * like any test; with {@code -Dconcurrency.repeat=N} it runs N times in the same JVM, each run with a fresh test
 * instance and its own {@code @BeforeEach}/{@code @AfterEach}. Tagged {@value #TAG}, so that
 * {@code benchmark/repeat-concurrency-tests} (every such test 300 times, the other core busy) selects exactly these.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(Repetitions.class)
@Tag(ConcurrencySensitive.TAG)
public @interface ConcurrencySensitive {
    String TAG = "concurrency";
}
