package dev.offboarding.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

/**
 * Several accounts, each its own IAM world ({@link IamSimulator}), on one clock. The first is the home account:
 * the one whose credentials the caller holds. STS of any account can assume a role in any account of the
 * organization (trust policy and "usable after" permitting), and {@link #iamFor} maps the temporary credentials
 * it handed out back to the IAM of the role's account, as AWS does.
 */
public final class SimulatedOrganization {

    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    private final Map<String, IamSimulator> accounts = new LinkedHashMap<>();
    private final Map<String, String> accountOfAccessKey = new HashMap<>();
    private final String organizationId;
    private final SimulatedOrganizationsClient organizations;

    public SimulatedOrganization(IamSimulator home, IamSimulator... others) {
        this(null, home, others);
    }

    /** The same, with the organization's id ({@code o-} and 10 to 32 lower-case letters or digits). */
    public SimulatedOrganization(String organizationId, IamSimulator home, IamSimulator... others) {
        List<IamSimulator> all = new ArrayList<>();
        all.add(Objects.requireNonNull(home, "home"));
        all.addAll(List.of(others));
        for (IamSimulator sim : all) {
            if (accounts.putIfAbsent(sim.accountId(), sim) != null) {
                throw new IllegalArgumentException("account " + sim.accountId() + " appears twice");
            }
        }
        all.forEach(sim -> {
            synchronized (sim.account()) {
                sim.account().organization = this;
            }
        });
        if (organizationId != null && !ORGANIZATION_ID.matcher(organizationId).matches()) {
            throw new IllegalArgumentException("an organization id is \"o-\" and 10 to 32 lower-case letters or "
                    + "digits: " + organizationId);
        }
        this.organizationId = organizationId != null ? organizationId
                : "o-" + String.format("%10s", Long.toString(Long.parseLong(home.accountId()), 36)).replace(' ', '0');
        this.organizations = new SimulatedOrganizationsClient(this, home.account().clock);
    }

    /** A world (one account) or {@code {"accounts": [world, ...]}}, the first being the home account. */
    public static SimulatedOrganization fromWorld(JsonNode json, Clock clock) {
        return fromWorld(json, "", clock);
    }

    /** Reads a world file, or a scenario file whose {@code "world"} key holds the world(s). */
    public static SimulatedOrganization fromFile(Path file, Clock clock) {
        return WorldLoader.fromFile(file, (json, at) -> fromWorld(json, at, clock));
    }

    private static SimulatedOrganization fromWorld(JsonNode json, String at, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (json == null || !json.isObject() || !json.has("accounts")) {
            return new SimulatedOrganization(new IamSimulator(WorldLoader.load(json, at, clock)));
        }
        World.Organization organization = WorldLoader.read(json, at, World.Organization.class);
        List<World> worlds = organization.accounts();
        String accounts = WorldLoader.key(at, "accounts");
        String id = organization.organizationId();
        if (id != null && !ORGANIZATION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(WorldLoader.key(at, "organizationId") + ": expected \"o-\" and 10 to"
                    + " 32 lower-case letters or digits, got \"" + id + "\"");
        }
        if (worlds == null || worlds.isEmpty()) {
            throw new IllegalArgumentException(accounts + ": expected at least one account (the first is the home"
                    + " account)");
        }
        List<IamSimulator> sims = new ArrayList<>();
        for (int i = 0; i < worlds.size(); i++) {
            IamSimulator sim = new IamSimulator(WorldLoader.load(worlds.get(i), accounts + "[" + i + "]", clock));
            if (sims.stream().anyMatch(other -> other.accountId().equals(sim.accountId()))) {
                throw new IllegalArgumentException(accounts + "[" + i + "].accountId: account " + sim.accountId()
                        + " is declared twice");
            }
            sims.add(sim);
        }
        return new SimulatedOrganization(id, sims.get(0), sims.subList(1, sims.size()).toArray(IamSimulator[]::new));
    }

    /** The account whose credentials the caller holds. */
    public IamSimulator home() {
        return accounts.values().iterator().next();
    }

    public IamSimulator account(String accountId) {
        IamSimulator sim = accounts.get(accountId);
        if (sim == null) {
            throw new IllegalArgumentException("no account " + accountId + " in this organization: " + accounts.keySet());
        }
        return sim;
    }

    public Collection<IamSimulator> accounts() {
        return List.copyOf(accounts.values());
    }

    /** The organization's id, e.g. {@code o-exampleorgid}: a world's {@code organizationId}, or one derived from the home account. */
    public String organizationId() {
        return organizationId;
    }

    /**
     * AWS Organizations of this organization, as its management account (the home account) calls it: ListAccounts
     * and its paginator. Its calls have their own log and faults.
     */
    public SimulatedOrganizationsClient organizations() {
        return organizations;
    }

    /**
     * How Organizations describes the account: its name, e-mail and status ({@code SUSPENDED} for a suspended
     * account, {@code PENDING_CLOSURE} for one being closed). An account nobody described is ACTIVE, named
     * {@code account-<id>}.
     */
    public SimulatedOrganization describeAccount(String accountId, String name, String email, AccountStatus status) {
        Account state = account(accountId).account();
        synchronized (state) {
            OrganizationMembership current = membershipOf(state);
            state.membership = new OrganizationMembership(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(email, "email"), Objects.requireNonNull(status, "status"),
                    current.joinedMethod(), current.joinedTimestamp());
        }
        return this;
    }

    /** Each account as Organizations lists it, the home account first. */
    List<Described> describedAccounts() {
        List<Described> described = new ArrayList<>();
        for (IamSimulator sim : accounts.values()) {
            synchronized (sim.account()) {
                described.add(new Described(sim.accountId(), membershipOf(sim.account())));
            }
        }
        return described;
    }

    private static OrganizationMembership membershipOf(Account account) {
        return account.membership != null ? account.membership : OrganizationMembership.defaultFor(account);
    }

    record Described(String accountId, OrganizationMembership membership) {
    }

    /**
     * The IAM that temporary credentials from this organization's AssumeRole act in: the role's account. Other
     * credentials are refused, as AWS refuses an access key it never issued.
     */
    public IamClient iamFor(AwsCredentials credentials) {
        String accountId;
        synchronized (accountOfAccessKey) {
            accountId = accountOfAccessKey.get(credentials.accessKeyId());
        }
        if (accountId == null) {
            throw new IllegalArgumentException("access key " + credentials.accessKeyId()
                    + " was not issued by this organization's STS");
        }
        return accounts.get(accountId);
    }

    Account accountState(String accountId) {
        IamSimulator sim = accounts.get(accountId);
        return sim == null ? null : sim.account();
    }

    void issued(String accessKeyId, String accountId) {
        synchronized (accountOfAccessKey) {
            accountOfAccessKey.put(accessKeyId, accountId);
        }
    }
}
