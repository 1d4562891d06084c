package dev.offboarding.fleet;

import static dev.offboarding.fleet.FleetRequests.read;
import static dev.offboarding.fleet.FleetRequests.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each field's rule, at its bounds: one problem, which names the field (by its path) and says what it must be. */
class EveryFleetRequestFieldHasItsRuleUnitTest {
    private static final String SELECT = "\"users\": [\"alice\"]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"run\": \"\"                                  | run must be 1 to 40 letters",
            "\"run\": \"has space\"                         | run must be 1 to 40 letters",
            "\"run\": \"a2345678901234567890123456789012345678901\" | run must be 1 to 40 letters",
            "\"accounts\": []                                | accounts must list 1 to 200",
            "\"accounts\": [\"12345\"]                       | accounts[0] must be a 12-digit AWS account id",
            "\"accounts\": [\"111111111111\", \"111111111111\"] | accounts[1] repeats account 111111111111",
            "\"accounts\": [\"111111111111\"], \"organization\": true | accounts and organization cannot both be given",
            "\"pathPrefix\": \"contractors/\"                | pathPrefix must be an IAM path prefix that starts and ends",
            "\"pathPrefix\": \"/contractors\"                | pathPrefix must be an IAM path prefix that starts and ends",
            "\"pathPrefix\": \"/a b/\"                       | pathPrefix must be an IAM path prefix",
            "\"tags\": []                                    | tags must give 1 to 10 tags",
            "\"tags\": [{\"key\": \"\", \"value\": \"x\"}]   | tags[0].key must be an IAM tag key",
            "\"tags\": [{\"key\": \"team\"}]                 | tags[0].value is required",
            "\"tags\": [{\"key\": \"team\", \"value\": \"a\"}, {\"key\": \"Team\", \"value\": \"b\"}] | tags[1].key \"Team\" repeats tags[0].key",
            "\"tags\": [{\"key\": \"team\", \"value\": \"x\", \"extra\": 1}] | unknown field \"tags[0].extra\"",
            "\"unusedForDays\": 0                            | unusedForDays must be from 1 to 3650",
            "\"unusedForDays\": 3651                         | unusedForDays must be from 1 to 3650",
            "\"quarantineDays\": -1                          | quarantineDays must be from 0 to 90",
            "\"quarantineDays\": 91                          | quarantineDays must be from 0 to 90",
            "\"maxUsersPerRun\": 0                           | maxUsersPerRun must be from 1 to 5000",
            "\"maxUsersPerRun\": 5001                        | maxUsersPerRun must be from 1 to 5000",
            "\"maxShareOfAccount\": 0                        | maxShareOfAccount must be from 1 to 100",
            "\"maxShareOfAccount\": 101                      | maxShareOfAccount must be from 1 to 100",
            "\"maxConcurrencyPerAccount\": 0                 | maxConcurrencyPerAccount must be from 1 to 50",
            "\"maxConcurrencyPerAccount\": 51                | maxConcurrencyPerAccount must be from 1 to 50",
            "\"approvalTimeoutSeconds\": 59                  | approvalTimeoutSeconds must be from 60 to 604800",
            "\"approvalTimeoutSeconds\": 604801              | approvalTimeoutSeconds must be from 60 to 604800",
            "\"dryRun\": \"false\"                           | field \"dryRun\" must be true or false",
            "\"unusedForDays\": 4.5                          | field \"unusedForDays\" must be a whole number",
            "\"trigger\": {\"eventId\": \"e-1\", \"source\": \"hr\"} | trigger.time is required"})
    void aValueOutsideItsRuleIsRefusedNamingTheField(String field, String problem) {
        List<String> problems = refused("{" + SELECT + ", " + field + "}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(problem), problems.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"users\": []                                   | users must name 1 to 1000 users",
            "\"users\": [\"bad name\"]                       | users[0] contains the character U+0020",
            "\"users\": [\"alice\", \"Alice\"]               | users[1] \"Alice\" repeats users[0]",
            "\"usersFrom\": {\"bucket\": \"Lists\", \"key\": \"a.csv\"} | usersFrom.bucket must be an S3 bucket name",
            "\"usersFrom\": {\"bucket\": \"lists\", \"key\": \"a.txt\"} | usersFrom.key must end in .json",
            "\"usersFrom\": {\"bucket\": \"lists\"}          | usersFrom.key is required"})
    void aMalformedListOfUsersIsRefusedNamingTheField(String field, String problem) {
        List<String> problems = refused("{" + field + "}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(problem), problems.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"run\": \"a234567890123456789012345678901234567890\"",
            "\"accounts\": [\"111111111111\", \"222222222222\"]",
            "\"organization\": true",
            "\"pathPrefix\": \"/\"",
            "\"pathPrefix\": \"/contractors/emea/\"",
            "\"tags\": [{\"key\": \"team\", \"value\": \"\"}]",
            "\"unusedForDays\": 1", "\"unusedForDays\": 3650",
            "\"quarantineDays\": 0", "\"quarantineDays\": 90",
            "\"maxUsersPerRun\": 1", "\"maxUsersPerRun\": 5000",
            "\"maxShareOfAccount\": 1", "\"maxShareOfAccount\": 100",
            "\"maxConcurrencyPerAccount\": 50", "\"approvalTimeoutSeconds\": 60",
            "\"approvalTimeoutSeconds\": 604800", "\"requireApproval\": false", "\"dryRun\": false"})
    void aValueAtTheBoundOfItsRuleIsAccepted(String field) {
        read("{" + SELECT + ", " + field + "}");
    }

    @org.junit.jupiter.api.Test
    void aThousandUsersAreAcceptedAndOneMoreIsNot() {
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));
        assertEquals(1000, read("{\"users\": [" + thousand + "]}").users().size());
        assertTrue(refused("{\"users\": [" + thousand + ", \"one-more\"]}").get(0)
                .startsWith("users must name 1 to 1000 users; it names 1001"));
    }

    @org.junit.jupiter.api.Test
    void aReasonLongerThanTheAuditRecordKeepsIsRefused() {
        String reason = String.join("", Collections.nCopies(1025, "x"));
        assertEquals(List.of("reason is 1025 characters long; at most 1024 are kept in the audit record"),
                refused("{" + SELECT + ", \"reason\": \"" + reason + "\"}"));
    }

    @org.junit.jupiter.api.Test
    void everyProblemIsNamedNotOnlyTheFirst() {
        List<String> problems = refused("{\"users\": [\"a b\"], \"unusedForDays\": 0, \"maxUsersPerRun\": 0}");
        assertEquals(3, problems.size(), problems.toString());
    }
}
