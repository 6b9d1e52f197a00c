package dev.scanpay.local;

import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.service.reconcile.DailyReports;
import dev.scanpay.core.service.reconcile.ReportKeys;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code ./scanpay-local report [--date yyyy-MM-dd]}: runs the daily reports of a business day (today's, in the
 * settlement zone, by default) against the running local stack, the same service the reconciliation function
 * runs, writing under {@code DIR/reports/}; prints where the files are and the break summary, and each break.
 * Exits 0 with no breaks, 3 with some.
 */
final class DailyReport {

    private DailyReport() {
    }

    static int run(Args args) throws Exception {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        if (!Files.exists(files.path("stack.json"))) {
            throw new IllegalArgumentException("no local stack under " + files.dir() + "; start it first");
        }
        Map<String, Object> stack = files.read(files.path("stack.json"));
        Path reports = files.path("reports");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "scanpay.table", stack.get("table"),
                        "scanpay.dynamodb.endpoint", stack.get("dynamodbEndpoint"),
                        "scanpay.gateway.client-id", LocalStack.GATEWAY_CLIENT_ID,
                        "scanpay.gateway.key.file", files.path("gateway-key.json").toString(),
                        "scanpay.outbound.allow-loopback", true,
                        "scanpay.outbound.require-https", false,
                        "scanpay.reports.dir", reports.toString()))
                .start()) {
            String date = args.get("date", null);
            LocalDate day = date != null ? LocalDate.parse(date)
                    : context.getBean(GatewayConfig.class).businessDay().of(Instant.now());
            DailyReports.DayReport report = context.getBean(DailyReports.class).run(day);
            System.out.println("Reports for " + day + " (business day in " + context.getBean(GatewayConfig.class).businessDay().zone()
                    + "): " + report.files().size() + " files under " + reports);
            report.files().forEach(f -> System.out.println("  " + reports.resolve(f)));
            System.out.println("Ledger items read: " + report.entriesRead());
            if (!report.walletsUnchecked().isEmpty()) {
                System.out.println("No break report for " + report.walletsUnchecked() + ": their records could not be read");
            }
            System.out.println("Breaks: " + report.breakCount() + (report.breakCount() == 0 ? "" : " " + nonZero(report)));
            for (String file : report.files()) {
                if (file.endsWith(ReportKeys.BREAKS)) {
                    List<String> lines = Files.readAllLines(reports.resolve(file));
                    lines.subList(1, lines.size() - 1).forEach(line -> System.out.println("  " + line));
                }
            }
            return report.breakCount() == 0 ? 0 : 3;
        }
    }

    private static Map<String, Long> nonZero(DailyReports.DayReport report) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        report.breaks().forEach((type, count) -> {
            if (count > 0) {
                counts.put(type.name(), count);
            }
        });
        return counts;
    }
}
