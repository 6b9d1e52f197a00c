package dev.scanpay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * The local stack's metrics: the EMF lines the functions print to stdout in Lambda, appended to a file
 * ({@code DIR/metrics.emf}) instead, so the console stays readable and {@code tail -f} shows what CloudWatch
 * would count.
 */
final class EmfFileSink implements ISink {

    private final Path file;

    EmfFileSink(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void accept(MetricsContext context) {
        try {
            for (String line : context.serialize()) {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
