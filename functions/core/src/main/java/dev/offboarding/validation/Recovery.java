package dev.offboarding.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * What an earlier run left unfinished, read from its record by the record function before the first look at the
 * user: the record's key, the execution that wrote it and the virtual MFA devices it found assigned to the user. A
 * device deactivated by that run but not yet deleted is no longer listed for the user, so only the record knows it
 * was theirs. Set by the workflow only.
 */
public record Recovery(String key, String executionId, List<String> mfaDevices) {
    /** IAM's quota of MFA devices per user. */
    public static final int MAX_DEVICES = 8;

    public Recovery {
        mfaDevices = mfaDevices == null ? List.of() : List.copyOf(mfaDevices);
    }

    public List<String> problems(String field) {
        List<String> problems = new ArrayList<>();
        if (key == null || key.isBlank()) {
            problems.add(field + ".key is required: the key of the unfinished record");
        }
        problems.addAll(Executions.problems(field + ".executionId", executionId));
        if (executionId == null) {
            problems.add(field + ".executionId is required: the execution that wrote the unfinished record");
        }
        if (mfaDevices.size() > MAX_DEVICES) {
            problems.add(field + ".mfaDevices lists " + mfaDevices.size() + " devices; a user has at most "
                    + MAX_DEVICES);
        }
        for (String serial : mfaDevices) {
            if (!dev.offboarding.model.MfaDevice.isVirtualSerial(serial)) {
                problems.add(field + ".mfaDevices: " + serial + " is not the serial of a virtual MFA device"
                        + " (arn:<partition>:iam::<account>:mfa/<name>)");
            }
        }
        return problems;
    }
}
