package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.wire.AmsWire;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /ams/api/v1/reports/inquiry} ({@code {"reportDate": "2026-11-23"}}): the signed caller's own files of
 * that business day, each with a download link (pre-signed in AWS, valid {@link #LINK_VALIDITY}). The prefix is built
 * from the authenticated client id alone, so a client can never name another's files.
 */
public final class MerchantReports {

    public static final Duration LINK_VALIDITY = Duration.ofMinutes(15);
    private static final List<String[]> FILES = List.of(
            new String[] {ReportKeys.TRANSACTIONS, "TRANSACTION_DETAILS"},
            new String[] {ReportKeys.SUMMARY, "TRANSACTION_SUMMARY"});

    private final ReportStore store;
    private final Clock clock;

    public MerchantReports(ReportStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Map<String, Object> inquire(KnownClient caller, Fields body) {
        LocalDate day;
        try {
            day = LocalDate.parse(body.string("reportDate", 10));
        } catch (DateTimeParseException e) {
            throw new ProtocolException(ResultCode.PARAM_ILLEGAL, "reportDate must be yyyy-MM-dd");
        }
        String prefix = ReportKeys.clientDay(caller.client().clientId(), day);
        List<Map<String, Object>> files = new ArrayList<>();
        for (String[] file : FILES) {
            String key = prefix + file[0];
            if (store.exists(key)) {
                files.add(JsonObject.create()
                        .put("fileName", file[0])
                        .put("reportType", file[1])
                        .put("fileUrl", store.link(key, LINK_VALIDITY).toString())
                        .put("expireTime", AmsWire.time(clock.instant().plus(LINK_VALIDITY)))
                        .build());
            }
        }
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("reportDate", day.toString())
                .put("files", files)
                .build();
    }
}
