package dev.offboarding.selectusers;

import dev.offboarding.fleet.FleetRequest.UsersFrom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a request's {@code usersFrom} list is read from: S3 in a deployment ({@link S3UsersFiles}), a folder with
 * one sub-folder per bucket for local runs and tests ({@link #inDirectory}).
 */
@FunctionalInterface
public interface UsersFiles {
    /** The object's content; the caller closes it and reads at most {@link UsersFile#MAX_BYTES} of it. */
    InputStream open(UsersFrom from);

    /** The object could not be read: the call, the service's error code and what to check. */
    final class Unreadable extends RuntimeException {
        private final String call;
        private final String errorCode;
        private final String whatToCheck;

        public Unreadable(String call, String errorCode, String whatToCheck, Throwable cause) {
            super(call + " answered " + errorCode, cause);
            this.call = call;
            this.errorCode = errorCode;
            this.whatToCheck = whatToCheck;
        }

        public String call() {
            return call;
        }

        public String errorCode() {
            return errorCode;
        }

        public String whatToCheck() {
            return whatToCheck;
        }
    }

    /** {@code s3://bucket/key} as the file {@code root/bucket/key}. */
    static UsersFiles inDirectory(Path root) {
        return from -> {
            Path bucket = root.resolve(from.bucket()).normalize();
            Path file = bucket.resolve(from.key()).normalize();
            String call = "read of " + from.location() + " (" + file + ")";
            if (!file.startsWith(bucket)) {
                throw new Unreadable(call, "InvalidKey", "that usersFrom.key stays inside its bucket", null);
            }
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new Unreadable(call, "NoSuchKey", "that usersFrom names an existing file", e);
            } catch (IOException e) {
                throw new Unreadable(call, e.getClass().getSimpleName(), "that the file can be read", e);
            }
        };
    }
}
