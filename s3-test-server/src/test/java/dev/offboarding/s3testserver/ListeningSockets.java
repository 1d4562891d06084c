package dev.offboarding.s3testserver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The addresses a process listens on, as Linux shows them in /proc (hexadecimal, as in /proc/net/tcp). */
final class ListeningSockets {
    private static final String LISTEN = "0A";
    private static final String LOOPBACK_V4 = "0100007F";
    private static final String LOOPBACK_V4_MAPPED = "0000000000000000FFFF00000100007F";
    private static final String LOOPBACK_V6 = "00000000000000000000000001000000";

    private ListeningSockets() {
    }

    /** {@code address:port} of each listening TCP socket of {@code process}. */
    static List<String> of(ProcessHandle process) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()),
                "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // not a socket of interest
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
                    listening.add(fields[1]);
                }
            }
        }
        return listening;
    }

    static boolean isLoopback(String addressAndPort) {
        String address = addressAndPort.substring(0, addressAndPort.indexOf(':'));
        return address.equals(LOOPBACK_V4) || address.equals(LOOPBACK_V4_MAPPED) || address.equals(LOOPBACK_V6);
    }
}
