package dev.offboarding.selectusers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.FleetRequest.UsersFrom;
import dev.offboarding.json.RequestReader;
import dev.offboarding.validation.UserNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's list of users in S3. {@code .json}: an array whose elements are user names or
 * {@code {"userName": "...", "accountId": "..."}} objects (accountId optional). {@code .csv}: a header row
 * {@code userName} or {@code userName,accountId}, then one user per row (quote a name that holds a ','; an empty
 * accountId means every selected account). Read as strictly as a request: at most {@link #MAX_BYTES} bytes and
 * {@link #MAX_ROWS} users, UTF-8, every name by IAM's rules, no user twice; any problem refuses the whole list,
 * naming the row.
 */
final class UsersFile {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    /** Problems named one by one before the rest are counted. */
    private static final int MAX_PROBLEMS = 20;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private UsersFile() {
    }

    /** The users of the list {@code from}, read from {@code content} (closed here). */
    static List<NamedUser> read(UsersFrom from, InputStream content) {
        byte[] bytes;
        try (InputStream in = content) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("usersFrom " + from.location() + " could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(from, null);
        }
        String text = utf8(from, bytes);
        List<String> problems = new ArrayList<>();
        List<NamedUser> users = from.readsAsCsv() ? csv(from, text, problems) : json(from, bytes, problems);
        if (problems.isEmpty() && users.isEmpty()) {
            problems.add("usersFrom " + from.location() + " names no users: list at least one (an empty list would"
                    + " select nobody)");
        }
        if (problems.isEmpty() && users.size() > MAX_ROWS) {
            problems.add("usersFrom " + from.location() + " names " + users.size() + " users; at most " + MAX_ROWS
                    + " are read: split the list over several runs");
        }
        if (problems.isEmpty()) {
            repeated(from, users, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(capped(problems));
        }
        return List.copyOf(users);
    }

    static InvalidRequestException tooLarge(UsersFrom from, Long size) {
        return new InvalidRequestException("usersFrom " + from.location() + " is "
                + (size == null ? "larger than that" : size + " bytes") + ": at most " + MAX_BYTES + " bytes (5 MiB)"
                + " are read; split the list over several runs");
    }

    private static String utf8(UsersFrom from, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("usersFrom " + from.location() + " is not UTF-8 text: save it as UTF-8");
        }
    }

    private static List<NamedUser> json(UsersFrom from, byte[] bytes, List<String> problems) {
        String where = "usersFrom " + from.location();
        JsonNode tree;
        try {
            tree = RequestReader.readTree(new ByteArrayInputStream(bytes));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.problems().stream().map(p -> where + ": " + p).toList());
        }
        if (tree == null || !tree.isArray()) {
            throw new InvalidRequestException(where + " must hold a JSON array of user names or of {\"userName\","
                    + " \"accountId\"} objects");
        }
        List<NamedUser> users = new ArrayList<>();
        for (int i = 0; i < tree.size() && i <= MAX_ROWS; i++) {
            JsonNode element = tree.get(i);
            String at = where + " [" + i + "]";
            if (element.isTextual()) {
                add(users, at, element.textValue(), null, problems);
            } else if (element.isObject()) {
                List<String> unknown = new ArrayList<>();
                for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("userName") && !name.equals("accountId")) {
                        unknown.add(name);
                    }
                }
                if (!unknown.isEmpty()) {
                    problems.add(at + " has unknown field " + String.join(", ", unknown) + ": accepted fields are"
                            + " accountId, userName");
                    continue;
                }
                JsonNode name = element.get("userName");
                JsonNode account = element.get("accountId");
                if (name != null && !name.isTextual() || account != null && !account.isTextual()) {
                    problems.add(at + ": userName and accountId must be strings");
                    continue;
                }
                add(users, at, name == null ? null : name.textValue(), account == null ? null : account.textValue(),
                        problems);
            } else {
                problems.add(at + " must be a user name or a {\"userName\", \"accountId\"} object, not "
                        + element.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
        }
        return users;
    }

    private static List<NamedUser> csv(UsersFrom from, String text, List<String> problems) {
        String where = "usersFrom " + from.location();
        List<Csv.Row> rows;
        try {
            rows = Csv.rows(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(where + " " + e.getMessage());
        }
        if (rows.isEmpty() || !(rows.get(0).fields().equals(List.of("userName"))
                || rows.get(0).fields().equals(List.of("userName", "accountId")))) {
            throw new InvalidRequestException(where + " must start with the header row userName or"
                    + " userName,accountId");
        }
        int columns = rows.get(0).fields().size();
        List<NamedUser> users = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, Math.min(rows.size(), MAX_ROWS + 2))) {
            if (row.blank()) {
                continue;
            }
            String at = where + " line " + row.line();
            if (row.fields().size() != columns) {
                problems.add(at + " has " + row.fields().size() + " fields, the header " + columns + " (quote a user"
                        + " name that holds a ',')");
                continue;
            }
            String account = columns == 2 && !row.fields().get(1).isEmpty() ? row.fields().get(1) : null;
            add(users, at, row.fields().get(0), account, problems);
        }
        return users;
    }

    private static void add(List<NamedUser> users, String at, String userName, String accountId,
                            List<String> problems) {
        List<String> found = new ArrayList<>(UserNames.problems(at + " userName", userName));
        if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
            found.add(at + " accountId must be a 12-digit AWS account id, or absent for every selected account");
        }
        problems.addAll(found);
        if (found.isEmpty()) {
            users.add(new NamedUser(userName, accountId));
        }
    }

    private static void repeated(UsersFrom from, List<NamedUser> users, List<String> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            NamedUser user = users.get(i);
            // IAM user names are unique ignoring case.
            String key = user.userName().toLowerCase(Locale.ROOT) + "@" + user.accountId();
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add("usersFrom " + from.location() + " names " + user.userName()
                        + (user.accountId() == null ? "" : " in " + user.accountId()) + " twice (users " + (first + 1)
                        + " and " + (i + 1) + "): name each user once");
            }
        }
    }

    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<String> capped = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        capped.add("and " + (problems.size() - MAX_PROBLEMS) + " more problems like these");
        return capped;
    }
}
