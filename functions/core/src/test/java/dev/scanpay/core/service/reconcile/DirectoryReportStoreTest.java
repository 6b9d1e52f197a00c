package dev.scanpay.core.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report files in a directory (the local stack): stored, found, linked, replaced by a rerun. */
@Tag("integration")
class DirectoryReportStoreTest {

    static final String KEY = "reports/ACME/2026-11-23/transactions.csv";

    @TempDir
    Path dir;

    static Path file(Path dir, String content) throws IOException {
        Path file = Files.createTempFile(dir, "report", ".csv");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void storesFindsLinksAndReplacesAFileAndRefusesKeysOutsideIt() throws IOException {
        DirectoryReportStore store = new DirectoryReportStore(dir.resolve("reports"));
        assertThat(store.exists(KEY)).isFalse();

        store.put(KEY, file(dir, "a\n<END>\n"));
        store.put(KEY, file(dir, "b\n<END>\n"));

        assertThat(store.exists(KEY)).isTrue();
        assertThat(Files.readString(Path.of(store.link(KEY, Duration.ofMinutes(15))))).isEqualTo("b\n<END>\n");
        assertThatThrownBy(() -> store.exists("reports/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
