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

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Several accounts, each its own IAM world ({@link IamSimulator}), on one clock. The first is the home account:
 * the one whose credentials the caller holds. STS of any account can assume a role in any account of the
 * organization (trust policy and "usable after" permitting), and {@link #iamFor} maps the temporary credentials
 * it handed out back to the IAM of the role's account, as AWS does.
 */
public final class SimulatedOrganization {

    private final Map<String, IamSimulator> accounts = new LinkedHashMap<>();
    private final Map<String, String> accountOfAccessKey = new HashMap<>();

    public SimulatedOrganization(IamSimulator home, IamSimulator... others) {
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
        List<World> worlds = WorldLoader.read(json, at, World.Organization.class).accounts();
        String accounts = WorldLoader.key(at, "accounts");
        if (worlds == null || worlds.isEmpty()) {
            throw new IllegalArgumentException(accounts + ": expected at least one account (the first is the home"
                    + " account)");
        }
        List<IamSimulator> sims = new ArrayList<>();
        for (int i = 0; i < worlds.size(); i++) {
            sims.add(new IamSimulator(WorldLoader.load(worlds.get(i), accounts + "[" + i + "]", clock)));
        }
        return new SimulatedOrganization(sims.get(0), sims.subList(1, sims.size()).toArray(IamSimulator[]::new));
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
