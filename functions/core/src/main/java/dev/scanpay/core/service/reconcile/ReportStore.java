package dev.scanpay.core.service.reconcile;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the daily report files go, and how a merchant is given a link to one: an S3 bucket in AWS
 * ({@link S3ReportStore}), a directory locally ({@link DirectoryReportStore}). Keys are {@link ReportKeys}'.
 */
public interface ReportStore {

    /** Stores {@code file} under {@code key}, replacing what was there (a rerun of a day writes the same bytes). */
    void put(String key, Path file);

    /** Whether a file is stored under {@code key}. */
    boolean exists(String key);

    /** A link that downloads {@code key} for {@code validity}. */
    URI link(String key, Duration validity);
}
