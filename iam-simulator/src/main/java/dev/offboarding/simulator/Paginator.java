package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Pages a list the way IAM does: at most MaxItems (and at most the simulator's page size) per answer,
 * IsTruncated and an opaque Marker. The marker remembers the sort key of the last item returned rather
 * than an offset, so removing items between pages (as an offboarding tool does) never skips the rest.
 */
final class Paginator {

    private static final String MARKER_PREFIX = "iam-sim:";

    private final int pageSize;

    Paginator(int pageSize) {
        this.pageSize = pageSize;
    }

    <T> Page<T> page(String listName, Collection<T> items, Function<T, String> sortKey, String marker, Integer maxItems) {
        int limit = Math.min(pageSize, maxItems == null ? pageSize : Inputs.maxItems(maxItems));
        String after = marker == null ? null : decode(listName, marker);
        List<T> remaining = items.stream()
                .filter(item -> after == null || sortKey.apply(item).compareTo(after) > 0)
                .sorted(Comparator.comparing(sortKey))
                .toList();
        if (remaining.size() <= limit) {
            return new Page<>(remaining, false, null);
        }
        List<T> page = remaining.subList(0, limit);
        return new Page<>(List.copyOf(page), true, encode(listName, sortKey.apply(page.get(limit - 1))));
    }

    /** A sort key that keeps creation order. */
    static String bySequence(long sequence) {
        return String.format("%019d", sequence);
    }

    private static String encode(String listName, String lastKey) {
        String plain = MARKER_PREFIX + listName + ":" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String listName, String marker) {
        String expectedPrefix = MARKER_PREFIX + listName + ":";
        try {
            String plain = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (plain.startsWith(expectedPrefix)) {
                return plain.substring(expectedPrefix.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the same answer AWS gives for any marker it did not hand out
        }
        throw IamErrors.invalidInput("Invalid Marker.");
    }
}
