package dev.offboarding.reinstateuser;

import dev.offboarding.errors.ExecutionNotStoppedException;
import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.NoLockOutRecordedException;
import dev.offboarding.errors.QuarantineAlreadyRemovingException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.errors.UserGoneException;
import dev.offboarding.errors.UserRecreatedException;
import java.util.Map;
import java.util.Set;

/**
 * The Error a ReinstateUser execution fails with for each failure of the function (its Fail states say the same, and
 * a test holds them to this), and which of them are refusals: a reinstate refused changes nothing at all.
 */
public final class ReinstateErrors {
    static final Map<Class<? extends RuntimeException>, String> NAMES = Map.ofEntries(
            Map.entry(InvalidRequestException.class, "Offboarding.InvalidRequest"),
            Map.entry(UserGoneException.class, "Offboarding.UserGone"),
            Map.entry(UserRecreatedException.class, "Offboarding.UserRecreated"),
            Map.entry(NoLockOutRecordedException.class, "Offboarding.NoLockOutRecorded"),
            Map.entry(QuarantineAlreadyRemovingException.class, "Offboarding.AlreadyRemoving"),
            Map.entry(ExecutionNotStoppedException.class, "Offboarding.ExecutionNotStopped"),
            Map.entry(RecordStoreUnavailableException.class, "Offboarding.RecordsUnavailable"),
            Map.entry(IamAccessDeniedException.class, "Offboarding.AccessDenied"),
            Map.entry(IamRequestFailedException.class, "Offboarding.IamRequestFailed"),
            Map.entry(IamRetryableException.class, "Offboarding.IamUnavailable"),
            Map.entry(InvalidConfigurationException.class, "Offboarding.Misconfigured"));

    private static final Set<Class<? extends RuntimeException>> REFUSALS = Set.of(UserGoneException.class,
            UserRecreatedException.class, NoLockOutRecordedException.class, QuarantineAlreadyRemovingException.class);

    private ReinstateErrors() {
    }

    /** The workflow's Error for the failure; anything unexpected keeps its own class name. */
    public static String nameOf(RuntimeException e) {
        String name = NAMES.get(e.getClass());
        return name != null ? name : e.getClass().getName();
    }

    public static boolean isRefusal(RuntimeException e) {
        return REFUSALS.contains(e.getClass());
    }
}
