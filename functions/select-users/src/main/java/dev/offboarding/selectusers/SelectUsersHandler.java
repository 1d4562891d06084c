package dev.offboarding.selectusers;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.CandidatesFile;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.json.Json;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.records.RecordStore;
import dev.offboarding.records.RecordStores;
import dev.offboarding.validation.MemberAccount;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * select-users: which users of one account a fleet request selects, written to the record store as
 * {@code fleet/<run>/<fleetExecution>/candidates/<accountId>.json}. In another account than the stack's it reads
 * through the member read role ({@code OFFBOARDING_ROLE_NAME}), with a role session named after the fleet execution.
 * It only reads IAM (GetAccountSummary, ListUsers, ListUserTags, GetCredentialReport) and S3 (the users file), and
 * calls GenerateCredentialReport when the account's report is missing, expired or older than four hours: then it
 * fails with CredentialReportNotReadyException, which the workflow retries. Any other failed call fails the
 * selection (SelectionFailedException) and nothing is written.
 */
public final class SelectUsersHandler extends JsonRequestHandler<SelectUsersInput, SelectUsersOutput> {
    private static final Pattern NOT_SESSION_CHARACTER = Pattern.compile("[^\\w+=,.@-]");

    private final IamGateways iam;
    private final SelectionSettings settings;
    private final RecordStore store;
    private final UsersFiles files;
    private final Clock clock;

    /**
     * In Lambda: HOME_ACCOUNT_ID, USER_PATH, OFFBOARDING_ROLE_NAME (the member read role), RECORDS_BUCKET
     * (+ RECORDS_PREFIX), and the standard SDK configuration.
     */
    public SelectUsersHandler() {
        this(IamGateways.fromEnvironment(), SelectionSettings.fromEnvironment(System.getenv()),
                RecordStores.fromEnvironment(), S3UsersFiles.fromEnvironment(), Clock.systemUTC());
    }

    /** Only the home account ({@code homeAccountId}, every user of it), through {@code home}. */
    public SelectUsersHandler(IamGateway home, String homeAccountId, RecordStore store, UsersFiles files,
                              Clock clock) {
        this(IamGateways.homeOnly(home), SelectionSettings.home(homeAccountId), store, files, clock);
    }

    /** {@code iam}: the home account's gateway, and those of member accounts through their read role. */
    public SelectUsersHandler(IamGateways iam, SelectionSettings settings, RecordStore store, UsersFiles files,
                              Clock clock) {
        super(SelectUsersInput.class);
        this.iam = iam;
        this.settings = settings;
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public SelectUsersOutput handle(SelectUsersInput input, Context context) {
        FleetRequest request = input.request();
        String account = input.accountId();
        String key = CandidatesKey.of(input.run(), input.fleetExecution(), account);
        String listingPrefix = settings.listingPrefix(request.pathPrefix());
        AccountSelection.Named named = named(request, account);
        boolean home = account.equals(settings.homeAccountId());
        IamGateway gateway = home ? iam.home()
                : iam.of(new MemberAccount(account, sessionName(input.fleetExecution())));
        String caller = home ? "select-users' role" : "the member read role " + iam.roleArn(account)
                + " (templates/member-account-role.yaml)";
        CandidatesFile selection = new AccountSelection(new SelectionCalls(gateway, account, caller), clock)
                .select(request, listingPrefix, named);
        store.put(key, json(selection));
        FunctionLog.of(context, null, null).info("users-selected", "run", input.run(),
                "fleetExecution", input.fleetExecution(), "accountId", account,
                "accountUsers", selection.accountUsers(), "candidates", selection.candidates().size(),
                "notFound", selection.notFound().size(), "selectors", request.selectors(),
                "record", store.describe(key));
        return new SelectUsersOutput(account, selection.accountUsers(), selection.candidates().size(),
                selection.notFound().size(), key);
    }

    /** The names the request gives for this account (users, or the usersFrom rows for it or for every account). */
    private AccountSelection.Named named(FleetRequest request, String account) {
        if (request.users() != null) {
            return new AccountSelection.Named(request.users(), "named in users");
        }
        if (request.usersFrom() == null) {
            return null;
        }
        List<NamedUser> listed;
        try {
            listed = UsersFile.read(request.usersFrom(), files.open(request.usersFrom()));
        } catch (UsersFiles.Unreadable e) {
            throw new SelectionFailedException(e.call(), account, e.errorCode(), e.whatToCheck(), false,
                    e.getCause());
        }
        return new AccountSelection.Named(listed.stream().filter(u -> u.isFor(account)).map(NamedUser::userName)
                .toList(), "named in " + request.usersFrom().location());
    }

    /** STS's rule for session names: 2 to 64 of letters, digits and + = , . @ _ - */
    static String sessionName(String fleetExecution) {
        String name = NOT_SESSION_CHARACTER.matcher(fleetExecution).replaceAll("-");
        name = name.length() < 2 ? "fleet-" + name : name;
        return name.length() > MemberAccount.MAX_SESSION_NAME ? name.substring(0, MemberAccount.MAX_SESSION_NAME)
                : name;
    }

    private static byte[] json(CandidatesFile selection) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(selection);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
