package dev.offboarding.fleetrun;

/** One account of the plan: its users, the candidates selected, those it would offboard and their percentage. */
record AccountPlan(String accountId, int accountUsers, int candidates, int wouldOffboard, double shareOfAccount) {
    static AccountPlan of(String accountId, int accountUsers, int candidates, int wouldOffboard) {
        double share = accountUsers == 0 ? 0 : Math.round(wouldOffboard * 10_000.0 / accountUsers) / 100.0;
        return new AccountPlan(accountId, accountUsers, candidates, wouldOffboard, share);
    }
}
