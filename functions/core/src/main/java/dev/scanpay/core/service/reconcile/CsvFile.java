package dev.scanpay.core.service.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One report file as Alipay's are: UTF-8 CSV, a header row, the rows, and a last line {@code <END>}. Rows are
 * streamed into a temporary file (a day of any size is never held in memory), which {@link #storeAs} then hands
 * to the {@link ReportStore}. Lines end in {@code \n} and nothing in it depends on when it was written, so the
 * same rows give the same bytes.
 */
final class CsvFile implements AutoCloseable {

    static final String END = "<END>";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final Path path;
    private final CSVPrinter printer;
    private long rows;

    CsvFile(List<String> header) {
        try {
            path = Files.createTempFile("scanpay-report-", ".csv");
            Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            printer = new CSVPrinter(writer, FORMAT);
            printer.printRecord(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void row(List<?> values) {
        try {
            printer.printRecord(values);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rows() {
        return rows;
    }

    /** Ends the file with {@code <END>} and stores it under {@code key}. */
    void storeAs(ReportStore store, String key) {
        try {
            printer.printRecord(END);
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(key, path);
    }

    @Override
    public void close() {
        try {
            printer.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
