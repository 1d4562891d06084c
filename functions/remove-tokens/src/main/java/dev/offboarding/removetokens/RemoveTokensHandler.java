package dev.offboarding.removetokens;

import com.amazonaws.services.lambda.runtime.Context;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.JsonRequestHandler;
import java.util.List;

/**
 * remove-tokens: removes what an inventory lists. {@code LOCK_OUT} does only the reversible lock-out plus the
 * console password; {@code REMOVE} locks out first, then removes everything. A dry run calls nothing at all and
 * returns the plan. Returns one entry per item.
 */
public final class RemoveTokensHandler extends JsonRequestHandler<RemoveTokensRequest, RemoveTokensResult> {
    private final TokenRemover remover;

    public RemoveTokensHandler() {
        this(IamGateway.fromEnvironment(), Pause.REAL);
    }

    public RemoveTokensHandler(IamGateway iam, Pause pause) {
        super(RemoveTokensRequest.class);
        this.remover = new TokenRemover(iam, pause);
    }

    @Override
    public RemoveTokensResult handle(RemoveTokensRequest request, Context context) {
        String user = request.inventory().userName();
        List<RemovedItem> items = remover.run(request.inventory(), request.mode(), request.isDryRun());
        for (RemovedItem item : items) {
            context.getLogger().log("remove-tokens user=" + user + " kind=" + item.kind() + " id=" + item.id()
                    + " action=" + item.action());
        }
        return new RemoveTokensResult(user, request.mode(), request.isDryRun(), items);
    }
}
