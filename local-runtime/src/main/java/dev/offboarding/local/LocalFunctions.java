package dev.offboarding.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.offboarding.deleteuser.DeleteUserHandler;
import dev.offboarding.checkroleusable.CheckRoleUsableHandler;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateways;
import dev.offboarding.iam.StsGateway;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.SimulatedOrganization;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.listtokens.ListTokensHandler;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.removetokens.RemoveTokensHandler;
import dev.offboarding.validaterequest.EntrySettings;
import dev.offboarding.recordoutcome.RecordOutcomeHandler;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordStore;
import dev.offboarding.reinstateuser.ReinstateUserHandler;
import dev.offboarding.validaterequest.ValidateRequestHandler;
import dev.offboarding.fleetrun.FleetRunHandler;
import dev.offboarding.fleetrun.FleetSettings;
import dev.offboarding.fleetrun.OrganizationAccounts;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.selectusers.SelectUsersHandler;
import dev.offboarding.selectusers.SelectionSettings;
import dev.offboarding.selectusers.UsersFiles;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The functions, built once over one IAM client, invoked by name through the same JSON entry point Lambda uses, so
 * that a local run exercises exactly the deployed request parsing, validation and error reporting.
 */
public final class LocalFunctions {
    public static final String LIST_TOKENS = "list-tokens";
    public static final String REMOVE_TOKENS = "remove-tokens";
    public static final String DELETE_USER = "delete-user";
    public static final String CHECK_ROLE_USABLE = "check-role-usable";
    public static final String VALIDATE_REQUEST = "validate-request";
    public static final String RECORD_OUTCOME = "record-outcome";
    public static final String REINSTATE_USER = "reinstate-user";
    public static final String SELECT_USERS = "select-users";
    public static final String FLEET_RUN = "fleet-run";
    /** The account a local run acts in when IAM is not a simulator that says which (the definition's HomeAccountId). */
    public static final String LOCAL_HOME_ACCOUNT_ID = "123456789012";

    private final Map<String, RequestStreamHandler> handlers;
    private final String homeAccountId;
    private final RecordStore records;
    private final Clock clock;
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    /** The functions over one account's IAM; check-role-usable too when {@code iam} is a simulator (it has STS). */
    public LocalFunctions(IamClient iam, Clock clock, GuardSettings guards, Pause pause) {
        this(iam, clock, guards, pause, new MemoryRecordStore());
    }

    /** The same, keeping the offboarding records in {@code records}. */
    public LocalFunctions(IamClient iam, Clock clock, GuardSettings guards, Pause pause, RecordStore records) {
        this(IamGateways.homeOnly(new IamGateway(iam)), iam instanceof IamSimulator sim ? sim.sts() : null,
                iam instanceof IamSimulator sim ? sim.accountId() : LOCAL_HOME_ACCOUNT_ID, clock, guards, pause,
                records);
    }

    /** The same, acting in {@code homeAccountId}: the account {@code iam} is in, which validate-request calls home. */
    public LocalFunctions(IamClient iam, String homeAccountId, Clock clock, GuardSettings guards, Pause pause) {
        this(iam, homeAccountId, clock, guards, pause, new MemoryRecordStore());
    }

    /** The same, keeping the offboarding records in {@code records}. */
    public LocalFunctions(IamClient iam, String homeAccountId, Clock clock, GuardSettings guards, Pause pause,
                          RecordStore records) {
        this(IamGateways.homeOnly(new IamGateway(iam)), iam instanceof IamSimulator sim ? sim.sts() : null,
                homeAccountId, clock, guards, pause, records);
    }

    /**
     * The functions over an organization of simulated accounts: the home account with the functions' own
     * credentials, any other through {@code offboardingRoleName} there, assumed with the home account's STS (so
     * AccessDenied until the role is usable) and its credentials mapped back to that account's IAM.
     */
    public LocalFunctions(SimulatedOrganization organization, String offboardingRoleName, Clock clock,
                          GuardSettings guards, Pause pause) {
        this(organization, offboardingRoleName, clock, guards, pause, new MemoryRecordStore());
    }

    /** The same, keeping the offboarding records in {@code records}. */
    public LocalFunctions(SimulatedOrganization organization, String offboardingRoleName, Clock clock,
                          GuardSettings guards, Pause pause, RecordStore records) {
        this(organization, offboardingRoleName, clock, guards, pause, records, SdkRetries.NONE);
    }

    /**
     * The same, each IAM client the functions use wrapped by {@code sdkRetries} ({@link SdkRetries}): the home
     * account's once, a member account's at each AssumeRole, as a function builds its clients.
     */
    public LocalFunctions(SimulatedOrganization organization, String offboardingRoleName, Clock clock,
                          GuardSettings guards, Pause pause, RecordStore records, UnaryOperator<IamClient> sdkRetries) {
        this(gatewaysOf(organization, offboardingRoleName, sdkRetries), organization.home().sts(),
                organization.home().accountId(), clock, guards, pause, records,
                () -> organization.accounts().stream().map(IamSimulator::accountId).sorted().toList());
    }

    private static IamGateways gatewaysOf(SimulatedOrganization organization, String offboardingRoleName,
                                          UnaryOperator<IamClient> sdkRetries) {
        return new IamGateways(new IamGateway(sdkRetries.apply(organization.home())), (roleArn, sessionName) -> {
            Credentials issued = organization.home().sts()
                    .assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)).credentials();
            return sdkRetries.apply(organization.iamFor(AwsSessionCredentials.create(issued.accessKeyId(),
                    issued.secretAccessKey(), issued.sessionToken())));
        }, offboardingRoleName, "aws");
    }

    private LocalFunctions(IamGateways iam, StsClient sts, String homeAccountId, Clock clock, GuardSettings guards,
                           Pause pause, RecordStore records) {
        this(iam, sts, homeAccountId, clock, guards, pause, records, () -> List.of(homeAccountId));
    }

    private LocalFunctions(IamGateways iam, StsClient sts, String homeAccountId, Clock clock, GuardSettings guards,
                           Pause pause, RecordStore records, OrganizationAccounts organizationAccounts) {
        Map<String, RequestStreamHandler> all = new LinkedHashMap<>();
        all.put(VALIDATE_REQUEST, new ValidateRequestHandler(new EntrySettings(homeAccountId, 0)));
        all.put(LIST_TOKENS, new ListTokensHandler(iam, guards, clock));
        all.put(REMOVE_TOKENS, new RemoveTokensHandler(iam, pause, clock));
        all.put(DELETE_USER, new DeleteUserHandler(iam, clock));
        all.put(RECORD_OUTCOME, new RecordOutcomeHandler(records, clock, homeAccountId));
        // A local offboarding runs on this machine's engine, not Step Functions: the reinstate stops none.
        all.put(REINSTATE_USER, new ReinstateUserHandler(iam.home(), records, homeAccountId, clock));
        all.put(SELECT_USERS, new SelectUsersHandler(iam, new SelectionSettings(homeAccountId, "/"), records,
                UsersFiles.inDirectory(records instanceof DirectoryRecordStore folder ? folder.root()
                        : Path.of("users-files")), clock));
        all.put(FLEET_RUN, new FleetRunHandler(records, clock, FleetSettings.fromEnvironment(
                Map.of("HOME_ACCOUNT_ID", homeAccountId)), organizationAccounts));
        if (sts != null) {
            all.put(CHECK_ROLE_USABLE, new CheckRoleUsableHandler(iam.home(), new StsGateway(sts), "aws", clock));
        }
        this.handlers = Map.copyOf(all);
        this.homeAccountId = homeAccountId;
        this.records = records;
        this.clock = clock;
    }

    /** The clock the functions read: the real one, or a simulated world's. */
    public Clock clock() {
        return clock;
    }

    /** Where record-outcome keeps the offboarding records. */
    public RecordStore records() {
        return records;
    }

    /** The names of the functions served, in a stable order. */
    public List<String> names() {
        return handlers.keySet().stream().sorted().toList();
    }

    /** Whether a function of that name is served. */
    public boolean has(String function) {
        return handlers.containsKey(function);
    }

    /** The account the functions act in (their ARNs' account). */
    public String accountId() {
        return homeAccountId;
    }

    /**
     * Invokes a function with a JSON payload; an exception it throws (unchecked, or the {@code IOException} a
     * stream handler may throw) becomes a failed {@link Invocation}, as the Lambda runtime reports it.
     */
    public Invocation invoke(String function, String payload) {
        RequestStreamHandler handler = handlers.get(function);
        if (handler == null) {
            throw new IllegalArgumentException("no function named " + function + "; known: " + handlers.keySet());
        }
        LocalContext context = new LocalContext(function);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
            return Invocation.success(out.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Invocation.failure(e);
        } finally {
            logLines.addAll(context.loggedLines());
        }
    }

    /** Every line the functions logged, in order. */
    public List<String> logLines() {
        return List.copyOf(logLines);
    }
}
