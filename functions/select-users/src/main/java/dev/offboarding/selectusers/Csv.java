package dev.offboarding.selectusers;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them: fields separated by ',', rows by a line break (LF or CRLF), a
 * field in double quotes may hold ',', a line break and '"' (written twice). IAM user names may contain ',', so a
 * list of users may quote them; the credential report is the same format.
 */
final class Csv {
    /** One row and the line it starts on (1 is the first). */
    record Row(int line, List<String> fields) {
        /** A line with nothing on it. */
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    private Csv() {
    }

    /** Every row of {@code text}; a malformed quote is an IllegalArgumentException naming its line. */
    static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean closedQuote = false;
        boolean anything = false;
        int i = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                    closedQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || closedQuote) {
                    throw new IllegalArgumentException("line " + line + ": a '\"' inside a field that is not"
                            + " quoted (a field with '\"' must be quoted, its '\"' written twice)");
                }
                quoted = true;
                anything = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                closedQuote = false;
                anything = true;
            } else if (c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                if (c == '\r') {
                    i++;
                }
                fields.add(field.toString());
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                closedQuote = false;
                anything = false;
                line++;
                rowLine = line;
            } else {
                if (closedQuote) {
                    throw new IllegalArgumentException("line " + line + ": characters after the closing '\"' of a"
                            + " quoted field");
                }
                field.append(c);
                anything = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + rowLine + ": a quoted field is not closed");
        }
        if (anything || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
