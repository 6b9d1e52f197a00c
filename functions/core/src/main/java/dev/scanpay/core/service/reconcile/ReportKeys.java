package dev.scanpay.core.service.reconcile;

import java.time.LocalDate;

/** Where each daily file lives: a client's under {@code reports/}, a wallet's under {@code wallets/}. */
public final class ReportKeys {

    public static final String TRANSACTIONS = "transactions.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String CLEARING = "clearing.csv";
    public static final String BREAKS = "breaks.csv";

    private ReportKeys() {
    }

    /** {@code reports/{clientId}/{yyyy-MM-dd}/}: everything of that client's day, and nothing else. */
    public static String clientDay(String clientId, LocalDate day) {
        return "reports/" + clientId + "/" + day + "/";
    }

    /** {@code wallets/{walletId}/{yyyy-MM-dd}/}. */
    public static String walletDay(String walletId, LocalDate day) {
        return "wallets/" + walletId + "/" + day + "/";
    }
}
