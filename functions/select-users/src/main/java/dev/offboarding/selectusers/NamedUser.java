package dev.offboarding.selectusers;

/** A user a list names: its name, and the account it is in (null: look for it in every selected account). */
record NamedUser(String userName, String accountId) {
    boolean isFor(String account) {
        return accountId == null || accountId.equals(account);
    }
}
