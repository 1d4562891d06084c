package dev.offboarding.iam;

import dev.offboarding.errors.IamRequestFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads every page of an IAM list call (IsTruncated/Marker). Pages are as large as IAM allows so that a user's
 * lists take one call each; the page count is bounded because a marker that never ends must not loop forever.
 */
final class Pages {
    static final int MAX_ITEMS_PER_PAGE = 1000;
    static final int MAX_PAGES = 100;

    private Pages() {
    }

    static <R, T> List<T> all(String action, String target, Function<String, R> fetchPage,
                              Function<R, List<T>> items, Function<R, Boolean> truncated, Function<R, String> marker) {
        List<T> all = new ArrayList<>();
        String next = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            R response = fetchPage.apply(next);
            all.addAll(items.apply(response));
            next = marker.apply(response);
            if (!Boolean.TRUE.equals(truncated.apply(response)) || next == null) {
                return all;
            }
        }
        throw new IamRequestFailedException("iam:" + action + " on " + target + " returned more than " + MAX_PAGES
                + " pages; refusing to read on (a list this long is not a single user's)", null);
    }
}
