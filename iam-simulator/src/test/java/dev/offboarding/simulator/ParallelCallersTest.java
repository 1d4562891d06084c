package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.offboarding.testing.ConcurrencySensitive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;


class ParallelCallersTest {

    @ConcurrencySensitive
    void parallelCallersEachSeeAConsistentAccountAndEveryCallIsLogged() throws Exception {
        IamSimulator sim = new IamSimulator(Fixtures.clock());
        int users = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String name = "user-" + i;
                done.add(pool.submit(() -> {
                    sim.createUser(r -> r.userName(name));
                    String key = sim.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
                    sim.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(Fixtures.POLICY));
                    sim.deleteAccessKey(r -> r.userName(name).accessKeyId(key));
                    sim.deleteUserPolicy(r -> r.userName(name).policyName("p"));
                    sim.deleteUser(r -> r.userName(name));
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(users * 6, sim.calls().all().size());
        assertEquals(users * 6L, sim.calls().all().stream().filter(c -> c.outcome().equals("OK")).count());
        for (int i = 0; i < users; i++) {
            assertEquals(false, sim.userExists("user-" + i));
        }
    }
}
