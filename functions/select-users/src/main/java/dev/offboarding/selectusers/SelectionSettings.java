package dev.offboarding.selectusers;

import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.errors.InvalidRequestException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * From the function's environment: the account the stack runs in ({@code HOME_ACCOUNT_ID}: there it uses its own
 * credentials, elsewhere the member read role) and the path under which the stack may offboard users
 * ({@code USER_PATH}, default "/"): a selection never lists users outside it, since none of them could be offboarded
 * and the roles may not read them.
 */
public record SelectionSettings(String homeAccountId, String userPath) {
    public static final String HOME_ACCOUNT_ID = "HOME_ACCOUNT_ID";
    public static final String USER_PATH = "USER_PATH";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PATH = Pattern.compile("/([\\u0021-\\u007E]+/)?");

    public SelectionSettings {
        if (homeAccountId == null || !ACCOUNT_ID.matcher(homeAccountId).matches()) {
            throw new InvalidConfigurationException(HOME_ACCOUNT_ID + " must be the 12-digit id of the account the"
                    + " stack runs in; it is \"" + homeAccountId + "\"");
        }
        if (userPath == null || !PATH.matcher(userPath).matches()) {
            throw new InvalidConfigurationException(USER_PATH + " must be an IAM path such as \"/\" or"
                    + " \"/staff/\"; it is \"" + userPath + "\"");
        }
    }

    /** Every user of the home account may be selected. */
    public static SelectionSettings home(String homeAccountId) {
        return new SelectionSettings(homeAccountId, "/");
    }

    public static SelectionSettings fromEnvironment(Map<String, String> env) {
        String path = env.getOrDefault(USER_PATH, "");
        return new SelectionSettings(env.getOrDefault(HOME_ACCOUNT_ID, "").strip(),
                path.isBlank() ? "/" : path.strip());
    }

    /**
     * The PathPrefix to list users with: the request's when it lies under the stack's path, the stack's path when
     * the request's is wider (or absent; null when that is "/"). A prefix beside the stack's path is refused: no
     * user under it could be offboarded here.
     */
    String listingPrefix(String requested) {
        if (requested == null || userPath.startsWith(requested)) {
            return "/".equals(userPath) ? requested : userPath;
        }
        if (requested.startsWith(userPath)) {
            return requested;
        }
        throw new InvalidRequestException("request.pathPrefix \"" + requested + "\" is outside the stack's UserPath"
                + " \"" + userPath + "\" (" + USER_PATH + "): no user under it can be offboarded here; give a prefix"
                + " under " + userPath);
    }
}
