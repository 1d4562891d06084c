package dev.offboarding.removetokens;

import java.util.List;

public record RemoveTokensResult(String userName, RemovalMode mode, boolean dryRun, List<RemovedItem> items) {
    public RemoveTokensResult {
        items = List.copyOf(items);
    }
}
