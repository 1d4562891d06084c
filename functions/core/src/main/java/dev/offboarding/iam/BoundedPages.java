package dev.offboarding.iam;

import dev.offboarding.errors.IamRequestFailedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.model.IamResponse;

/**
 * Reads every page of an IAM list, as the SDK's paginator fetches them, within two bounds the paginator does not
 * keep. The paginator asks for the next page as long as a page says {@code IsTruncated}, with that page's
 * {@code Marker}: an answer that is truncated but carries no marker would have it ask for the first page again, and a
 * marker that never ends would have it ask forever. So a page without a marker ends the list, and a list longer
 * than {@link #MAX_PAGES} pages is refused. Pages are as large as IAM allows, so a user's lists take one call each.
 */
final class BoundedPages {
    static final int MAX_ITEMS_PER_PAGE = 1000;
    static final int MAX_PAGES = 100;

    private BoundedPages() {
    }

    /** The items of every page; {@code pages} fetches each page only when it is asked for the next one. */
    static <R extends IamResponse, T> List<T> all(String action, String target, Iterable<R> pages,
                                                  Function<R, List<T>> items) {
        return all(action, target, pages, items, "a list this long is not a single user's");
    }

    /** The same, with {@code why} a list this long is refused, for the message. */
    static <R extends IamResponse, T> List<T> all(String action, String target, Iterable<R> pages,
                                                  Function<R, List<T>> items, String why) {
        List<T> all = new ArrayList<>();
        Iterator<R> page = pages.iterator();
        for (int read = 1; read <= MAX_PAGES; read++) {
            R response = page.next();
            all.addAll(items.apply(response));
            if (!response.getValueForField("IsTruncated", Boolean.class).orElse(false)
                    || response.getValueForField("Marker", String.class).isEmpty()) {
                return all;
            }
        }
        throw new IamRequestFailedException("iam:" + action + " on " + target + " returned more than " + MAX_PAGES
                + " pages; refusing to read on (" + why + ")", null);
    }

    /**
     * The pages of a list call the SDK has no paginator for: ListServiceSpecificCredentials takes Marker and MaxItems,
     * but IAM's paginator definitions, from which the SDK generates its paginators, do not name it. Each page is
     * fetched with the marker of the one before; {@link #all} decides when to stop.
     */
    static <R extends IamResponse> Iterable<R> byMarker(Function<String, R> fetch) {
        return () -> new Iterator<>() {
            private String marker;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public R next() {
                R response = fetch.apply(marker);
                marker = response.getValueForField("Marker", String.class).orElse(null);
                return response;
            }
        };
    }
}
