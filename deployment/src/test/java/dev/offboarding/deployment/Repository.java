package dev.offboarding.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the repository this module is built in. */
final class Repository {
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path EVENTS = ROOT.resolve("events");

    private Repository() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
