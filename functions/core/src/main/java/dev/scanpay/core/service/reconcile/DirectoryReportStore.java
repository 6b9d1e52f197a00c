package dev.scanpay.core.service.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** The report files in a directory (the local stack's {@code DIR}): the same keys as paths under it. */
public class DirectoryReportStore implements ReportStore {

    private final Path root;

    public DirectoryReportStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path file) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            // a reader never sees half a file
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    /** A {@code file:} URI: the local stack's files are on this machine. */
    @Override
    public URI link(String key, Duration validity) {
        return resolve(key).toUri();
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("a report key outside the reports directory");
        }
        return path;
    }
}
