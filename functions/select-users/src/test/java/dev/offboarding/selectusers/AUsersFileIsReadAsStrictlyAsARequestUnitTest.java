package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.FleetRequest.UsersFrom;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A list of users in S3: JSON or CSV, bounded, every name by IAM's rules; any problem refuses it, naming the row. */
class AUsersFileIsReadAsStrictlyAsARequestUnitTest {
    private static final UsersFrom JSON = new UsersFrom("lists", "leavers.json");
    private static final UsersFrom CSV = new UsersFrom("lists", "leavers.CSV");
    private static final String ACCOUNT = "111111111111";

    @Test
    void aJsonListMayMixNamesAndUsersOfAccounts() {
        assertEquals(List.of(new NamedUser("alice", null), new NamedUser("bob", ACCOUNT)),
                read(JSON, "[\"alice\", {\"userName\": \"bob\", \"accountId\": \"" + ACCOUNT + "\"}]"));
    }

    @Test
    void aCsvListReadsQuotedNamesAndAnEmptyAccountAsEveryAccount() {
        assertEquals(List.of(new NamedUser("a,b", null), new NamedUser("q=x", ACCOUNT), new NamedUser("c", null)),
                read(CSV, "\uFEFFuserName,accountId\r\n\"a,b\",\r\n\"q=x\"," + ACCOUNT + "\n\nc,\n"));
    }

    @Test
    void aQuoteInAQuotedFieldIsWrittenTwiceAndALineBreakMayBeInside() {
        assertEquals(List.of(new Csv.Row(1, List.of("a", "b\"c")), new Csv.Row(2, List.of("x\ny", "")),
                new Csv.Row(4, List.of("z"))), Csv.rows("a,\"b\"\"c\"\n\"x\ny\",\nz"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not an array          | {\"alice\": 1}                | usersFrom s3://lists/leavers.json must hold a JSON array",
            "a bad name            | [\"alice\", \"a b\"]         | usersFrom s3://lists/leavers.json [1] userName contains the character U+0020",
            "an unknown field      | [{\"userName\": \"a\", \"team\": \"x\"}] | usersFrom s3://lists/leavers.json [0] has unknown field team",
            "no name               | [{\"accountId\": \"111111111111\"}] | usersFrom s3://lists/leavers.json [0] userName is required",
            "a bad account         | [{\"userName\": \"a\", \"accountId\": \"1\"}] | usersFrom s3://lists/leavers.json [0] accountId must be a 12-digit",
            "a number              | [42]                          | usersFrom s3://lists/leavers.json [0] must be a user name or",
            "a repeated key        | [{\"userName\": \"a\", \"userName\": \"b\"}] | usersFrom s3://lists/leavers.json: field \"[0].userName\" is given twice",
            "a user twice          | [\"alice\", \"ALICE\"]        | usersFrom s3://lists/leavers.json names ALICE twice (users 1 and 2)",
            "nobody                | []                            | usersFrom s3://lists/leavers.json names no users",
            "not JSON              | [\"alice\"                   | usersFrom s3://lists/leavers.json: not valid JSON"})
    void aMalformedJsonListIsRefused(String what, String content, String problem) {
        List<String> problems = refused(JSON, content);
        assertTrue(problems.get(0).startsWith(problem), problems.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header            | alice\\nbob                   | usersFrom s3://lists/leavers.CSV must start with the header row userName or userName,accountId",
            "another header       | name\\nbob                    | usersFrom s3://lists/leavers.CSV must start with the header row",
            "an unquoted comma    | userName\\na,b                | usersFrom s3://lists/leavers.CSV line 2 has 2 fields, the header 1",
            "an open quote        | userName\\n\"alice            | usersFrom s3://lists/leavers.CSV line 2: a quoted field is not closed",
            "a stray quote        | userName\\nal\"ice            | usersFrom s3://lists/leavers.CSV line 2: a '\"' inside a field that is not quoted",
            "a bad name           | userName\\nalice\\nbad name    | usersFrom s3://lists/leavers.CSV line 3 userName contains the character U+0020",
            "a bad account        | userName,accountId\\nalice,42  | usersFrom s3://lists/leavers.CSV line 2 accountId must be a 12-digit"})
    void aMalformedCsvListIsRefused(String what, String content, String problem) {
        List<String> problems = refused(CSV, content.replace("\\n", "\n"));
        assertTrue(problems.get(0).startsWith(problem), problems.toString());
    }

    @Test
    void aListLargerThanFiveMebibytesIsRefused() {
        byte[] large = new byte[UsersFile.MAX_BYTES + 1];
        Arrays.fill(large, (byte) ' ');
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> UsersFile.read(JSON, new ByteArrayInputStream(large)));
        assertTrue(refused.getMessage().contains("at most 5242880 bytes (5 MiB) are read; split the list"),
                refused.getMessage());
    }

    @Test
    void aListOfMoreThanAHundredThousandUsersIsRefused() {
        StringBuilder csv = new StringBuilder("userName\n");
        for (int i = 0; i <= UsersFile.MAX_ROWS; i++) {
            csv.append('u').append(i).append('\n');
        }
        assertEquals(List.of("usersFrom s3://lists/leavers.CSV names 100001 users; at most 100000 are read: split"
                + " the list over several runs"), refused(CSV, csv.toString()));
        assertEquals(UsersFile.MAX_ROWS, read(CSV, csv.substring(0, csv.lastIndexOf("u100000"))).size());
    }

    @Test
    void aListThatIsNotUtf8IsRefused() {
        byte[] latin1 = "userName\nrené\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> UsersFile.read(CSV, new ByteArrayInputStream(latin1)));
        assertEquals(List.of("usersFrom s3://lists/leavers.CSV is not UTF-8 text: save it as UTF-8"), refused.problems());
    }

    @Test
    void manyProblemsAreNamedUpToTwentyThenCounted() {
        StringBuilder csv = new StringBuilder("userName\n");
        for (int i = 0; i < 25; i++) {
            csv.append("bad name ").append(i).append('\n');
        }
        List<String> problems = refused(CSV, csv.toString());
        assertEquals(21, problems.size());
        assertEquals("and 5 more problems like these", problems.get(20));
    }

    private static List<NamedUser> read(UsersFrom from, String content) {
        return UsersFile.read(from, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> refused(UsersFrom from, String content) {
        return assertThrows(InvalidRequestException.class, () -> read(from, content)).problems();
    }
}
