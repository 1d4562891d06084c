package dev.offboarding.records;

import dev.offboarding.errors.RecordStoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records as files under a folder, each key a relative path ({@code 123456789012/alice/20261202T013000Z_x.json}).
 * A record is written to a temporary file beside it and moved over it in one step, so a reader sees the old record or
 * the new one, never part of one. Every failure is a {@link RecordStoreUnavailableException} naming the path.
 */
public final class DirectoryRecordStore implements RecordStore {
    /** As many keys as an S3 listing reads at most. */
    static final int MAX_KEYS = S3RecordStore.MAX_PAGES * S3RecordStore.MAX_KEYS_PER_PAGE;
    /** Temporary files have ".." in their names: no key has, so no listing mistakes one for a record. */
    private static final String TEMPORARY = "..partial";

    private final Path root;

    public DirectoryRecordStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] json) {
        Path file = fileOf(key);
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), TEMPORARY);
            Files.write(temporary, json);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw failure("write", file, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = fileOf(key);
        if (Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", file, e);
        }
    }

    /**
     * Every key under {@code prefix}, in ascending order: the regular files below the prefix's folder whose relative
     * path starts with it. At most {@link #MAX_KEYS}; more is refused, as S3's listing is.
     */
    @Override
    public List<String> keys(String prefix) {
        RecordKeys.checkedPrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path folder = lastSlash < 0 ? root : resolved(prefix.substring(0, lastSlash), prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            Iterator<Path> each = files.iterator();
            while (each.hasNext()) {
                Path file = each.next();
                String key = keyOf(file);
                if (key.startsWith(prefix) && !key.contains("..") && Files.isRegularFile(file)) {
                    if (keys.size() == MAX_KEYS) {
                        throw new RecordStoreUnavailableException("the records under " + describe(prefix) + " are more"
                                + " than " + MAX_KEYS + "; refusing to read on (list one account's or one user's records"
                                + " instead)");
                    }
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw failure("list", folder, e);
        } catch (UncheckedIOException e) {
            throw failure("list", folder, e.getCause());
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    @Override
    public String describe(String key) {
        return root.resolve(key).toString();
    }

    /** Bucket {@code local-records}, which a local engine maps to this folder; the key relative to the folder. */
    @Override
    public BucketKey bucketKey(String key) {
        return new BucketKey(BucketKey.LOCAL_RECORDS, RecordKeys.checkedPrefix(key));
    }

    private Path fileOf(String key) {
        return resolved(RecordKeys.checked(key), key);
    }

    /** {@code relative} under the root; a path that would lead out of it is refused. */
    private Path resolved(String relative, String key) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("not a record key: " + RecordKeys.printable(key) + " (it leads out of "
                    + root + ")");
        }
        return path;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static RecordStoreUnavailableException failure(String what, Path path, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String where = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : path.toString();
        return new RecordStoreUnavailableException("cannot " + what + " the records at " + path + " (" + where + ": "
                + reason + "); check that the folder exists and that this user may " + what + " it", e);
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a temporary file left behind: never listed as a record
            }
        }
    }
}
