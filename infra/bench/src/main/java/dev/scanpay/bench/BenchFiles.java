package dev.scanpay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, the function jars and the results are. */
final class BenchFiles {

    final Path root;

    private BenchFiles(Path root) {
        this.root = root;
    }

    /** The repository root: {@code --root}, else found upward from this jar, else from the working directory. */
    static BenchFiles locate(Options options) {
        String given = options.get("root", null);
        if (given != null) {
            return new BenchFiles(requireRoot(Path.of(given).toAbsolutePath().normalize()));
        }
        Path start;
        try {
            start = Path.of(BenchFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            start = Path.of("").toAbsolutePath();
        }
        for (Path from : new Path[] {start, Path.of("").toAbsolutePath()}) {
            for (Path dir = from; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("functions/merchant-api/pom.xml"))) {
                    return new BenchFiles(dir);
                }
            }
        }
        throw new IllegalStateException("cannot find the Scanpay repository root; pass --root DIR");
    }

    private static Path requireRoot(Path dir) {
        if (!Files.isRegularFile(dir.resolve("functions/merchant-api/pom.xml"))) {
            throw new IllegalStateException(dir + " is not the Scanpay repository root");
        }
        return dir;
    }

    Path benchTarget() {
        return root.resolve("infra/bench/target");
    }

    Path merchantApiJar() {
        return root.resolve("functions/merchant-api/target/merchant-api-lambda.jar");
    }

    Path baselineJar() {
        return root.resolve("infra/bench-baseline/target/bench-baseline-lambda.jar");
    }

    Path probeJar() {
        return benchTarget().resolve("scanpay-bench-probe.jar");
    }

    Path lib() {
        return benchTarget().resolve("lib");
    }

    Path requireFile(Path file, String builtBy) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(root.relativize(file) + " is missing; build first: " + builtBy);
        }
        return file;
    }

    /** Writes {@code results-<name>.md} under infra/bench/target and returns its path. */
    Path writeResults(String name, String markdown) {
        Path file = benchTarget().resolve("results-" + name + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
