package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.SelectionFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code usersFrom}: a list in S3, JSON or CSV. A row with an accountId counts in that account only; one without, in
 * every selected account. A list that cannot be read, or has a bad row, selects nobody and writes nothing.
 */
class AUsersFileInS3SelectsItsUsersTest {
    private static final String OTHER_ACCOUNT = "210987654321";
    private final SimulatedAccount account = new SimulatedAccount().user("alice").user("bob").user("a,b")
            .user("carol");

    @Test
    void aJsonArrayOfNamesSelectsThem() {
        account.file("lists", "leavers.json", "[\"alice\", \"bob\", \"nobody\"]");

        account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.json\"}}");

        assertEquals(List.of("alice", "bob"), account.candidates());
        assertEquals(List.of("nobody"), SimulatedAccount.names(account.candidatesFile().get("notFound"), null));
        assertEquals(List.of("named in s3://lists/leavers.json"), account.why("alice"));
    }

    @Test
    void aJsonArrayOfUsersInAccountsSelectsThoseOfThisAccount() {
        account.file("lists", "leavers.json", "[{\"userName\": \"alice\", \"accountId\": \""
                + SimulatedAccount.ACCOUNT + "\"}, {\"userName\": \"bob\", \"accountId\": \"" + OTHER_ACCOUNT
                + "\"}, {\"userName\": \"carol\"}]");

        account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.json\"}}");

        assertEquals(List.of("alice", "carol"), account.candidates());
        assertEquals(List.of(), SimulatedAccount.names(account.candidatesFile().get("notFound"), null),
                "bob is another account's");
    }

    @Test
    void aCsvListWithAccountsSelectsThoseOfThisAccountAndReadsQuotedNames() {
        account.file("lists", "leavers.csv", "userName,accountId\r\nalice," + SimulatedAccount.ACCOUNT
                + "\r\n\"a,b\",\r\nbob," + OTHER_ACCOUNT + "\r\n");

        account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.csv\"}}");

        assertEquals(List.of("a,b", "alice"), account.candidates());
    }

    @Test
    void aCsvListOfNamesOnlySelectsThem() {
        account.file("lists", "leavers.csv", "userName\ncarol\n");

        account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.csv\"}}");

        assertEquals(List.of("carol"), account.candidates());
    }

    @Test
    void aBadRowRefusesTheWholeListNamingTheRow() {
        account.file("lists", "leavers.csv", "userName\nalice\nbad name\n");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"leavers.csv\"}}"));

        assertEquals(List.of("usersFrom s3://lists/leavers.csv line 3 userName contains the character U+0020 at"
                + " position 4; IAM user names may contain only letters, digits and + = , . @ _ -"), refused.problems());
        assertEquals(List.of(), account.store.keys(""));
        verifyNoInteractions(account.iam);
    }

    @Test
    void aListThatIsNotThereFailsTheSelectionNamingTheCall() {
        SelectionFailedException failed = assertThrows(SelectionFailedException.class,
                () -> account.select("{\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"missing.json\"}}"));

        assertEquals("s3:GetObject of s3://lists/missing.json", failed.call());
        assertEquals("NoSuchKey", failed.errorCode());
        assertTrue(failed.getMessage().contains("account " + SimulatedAccount.ACCOUNT), failed.getMessage());
        assertEquals(List.of(), account.store.keys(""));
    }
}
