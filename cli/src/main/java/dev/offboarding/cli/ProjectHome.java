package dev.offboarding.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project folder: statemachine/ and events/ are read from it. The ./offboard wrapper passes it. */
final class ProjectHome {
    static final String PROPERTY = "offboard.home";

    private ProjectHome() {
    }

    static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return check(Path.of(configured).toAbsolutePath().normalize());
        }
        // Bounded walk up from the working directory: a checkout is rarely nested deeper than this.
        Path dir = Path.of("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 10; depth++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("statemachine/offboard-user.asl.json"))) {
                return dir;
            }
        }
        throw new CannotRunException("cannot find the project folder (the one with statemachine/offboard-user.asl.json):"
                + " run ./offboard from the project, or pass -D" + PROPERTY + "=<folder>");
    }

    private static Path check(Path home) {
        if (!Files.isRegularFile(home.resolve("statemachine/offboard-user.asl.json"))) {
            throw new CannotRunException(home + " is not the project folder: it has no statemachine/offboard-user.asl.json");
        }
        return home;
    }
}
