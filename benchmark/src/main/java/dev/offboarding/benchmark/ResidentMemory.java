package dev.offboarding.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident memory of this JVM (the functions and the simulator) and of the processes it started (the
 * local engine's Node.js processes, summed), sampled every 100 ms from Linux's /proc; 0 where there is no /proc.
 */
final class ResidentMemory implements AutoCloseable {
    private static final long EVERY_MILLIS = 100;

    private final Thread sampler;
    private volatile boolean stopped;
    private volatile long peakJvmKb;
    private volatile long peakEngineKb;

    private ResidentMemory() {
        sampler = new Thread(this::sample, "resident-memory");
        sampler.setDaemon(true);
    }

    static ResidentMemory watch() {
        ResidentMemory memory = new ResidentMemory();
        memory.sampler.start();
        return memory;
    }

    double peakJvmMb() {
        return peakJvmKb / 1024.0;
    }

    double peakEngineMb() {
        return peakEngineKb / 1024.0;
    }

    private void sample() {
        while (!stopped) {
            peakJvmKb = Math.max(peakJvmKb, residentKb(ProcessHandle.current().pid()));
            peakEngineKb = Math.max(peakEngineKb, ProcessHandle.current().descendants()
                    .mapToLong(process -> residentKb(process.pid())).sum());
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmRSS of the process, in KiB; 0 once it has ended or where /proc is not. */
    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
    }
}
