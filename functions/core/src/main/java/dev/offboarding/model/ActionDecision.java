package dev.offboarding.model;

/** One action of a policy simulation and IAM's decision: "allowed", "explicitDeny" or "implicitDeny". */
public record ActionDecision(String action, String decision) {
    public boolean allowed() {
        return "allowed".equals(decision);
    }
}
