package dev.offboarding.fleet;

/**
 * How a problem of a fleet request names what is wrong: by the field's path in the document that holds the request
 * ({@link #under}), or by whatever else set the field (the offboard command names its flags).
 */
public interface FieldNames {
    /** A field, or a field of an object field: {@code usersFrom.key}. */
    String field(String path);

    /** The element at {@code index} of a list field, which holds {@code value}: {@code users[1]}. */
    String element(String list, int index, String value);

    /** The same, for a problem that quotes the value: {@code users[1] "Alice"}. */
    default String quoted(String list, int index, String value) {
        return element(list, index, value) + " \"" + value + "\"";
    }

    /** The earlier element that a repeated one repeats: {@code users[0]}. */
    default String earlier(String list, int index, String value) {
        return element(list, index, value);
    }

    /** A field of an element: {@code tags[1].key}. */
    default String member(String list, int index, String value, String member) {
        return element(list, index, value) + "." + member;
    }

    /** Each field named by its path under {@code at} ("request" gives "request.users[0]"; "" the bare path). */
    static FieldNames under(String at) {
        String prefix = at == null || at.isEmpty() ? "" : at + ".";
        return new FieldNames() {
            @Override
            public String field(String path) {
                return prefix + path;
            }

            @Override
            public String element(String list, int index, String value) {
                return prefix + list + "[" + index + "]";
            }
        };
    }
}
