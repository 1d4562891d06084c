package dev.offboarding.errors;

import java.util.List;

/** The input can never succeed as it is: it names what is wrong and how to fix it. Nothing was called in IAM. */
public final class InvalidRequestException extends OffboardingException {
    private final List<String> problems;

    public InvalidRequestException(List<String> problems) {
        super("Invalid request: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
