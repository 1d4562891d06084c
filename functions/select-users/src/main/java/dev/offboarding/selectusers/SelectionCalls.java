package dev.offboarding.selectusers;

import dev.offboarding.errors.CredentialReportNotReadyException;
import dev.offboarding.errors.OffboardingException;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.iam.IamGateway;
import java.util.function.Function;

/**
 * The IAM calls of one account's selection. A call that fails, after the SDK's retries, fails the whole selection
 * with {@link SelectionFailedException} naming it: a list that could not be read is never taken for an empty one.
 */
final class SelectionCalls {
    private final IamGateway iam;
    private final String accountId;
    /** Whose permissions to check when a call is denied, e.g. the member read role of the account. */
    private final String caller;

    SelectionCalls(IamGateway iam, String accountId, String caller) {
        this.iam = iam;
        this.accountId = accountId;
        this.caller = caller;
    }

    String accountId() {
        return accountId;
    }

    <T> T call(String action, Function<IamGateway, T> call) {
        try {
            return call.apply(iam);
        } catch (CredentialReportNotReadyException e) {
            throw e;
        } catch (OffboardingException e) {
            throw SelectionFailedException.of("iam:" + action, accountId, e, caller);
        }
    }
}
