package dev.offboarding.selectusers;

/**
 * What select-users answers the workflow (kept small: the candidates themselves are in the record store at
 * {@code key}): the account, its number of users, how many candidates and how many names were not found.
 */
public record SelectUsersOutput(String accountId, int accountUsers, int candidates, int notFound, String key) {
}
