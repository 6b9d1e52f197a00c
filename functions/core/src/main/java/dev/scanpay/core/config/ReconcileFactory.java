package dev.scanpay.core.config;

import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.outbound.OutboundHttp;
import dev.scanpay.core.service.reconcile.DailyReports;
import dev.scanpay.core.service.reconcile.DirectoryReportStore;
import dev.scanpay.core.service.reconcile.MerchantReports;
import dev.scanpay.core.service.reconcile.ReportStore;
import dev.scanpay.core.service.reconcile.S3ReportStore;
import dev.scanpay.core.service.reconcile.SignedWalletRecords;
import dev.scanpay.core.service.reconcile.WalletRecords;
import dev.scanpay.core.service.wallet.WalletCall;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.core.store.WalletStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The daily reports: where their files go (S3 in AWS, a directory locally), the wallets' own records they are
 * checked against, and the run itself. Built only by what reaches them: the reconciliation function, and the
 * merchant API's report inquiry (the store alone).
 */
@Factory
public class ReconcileFactory {

    @Singleton
    ReportStore reportStore(GatewayConfig config) {
        if (config.reportsBucket() == null) {
            return new DirectoryReportStore(Path.of(config.reportsDir()));
        }
        // region and credentials from the Lambda environment; the URL-connection client, as for DynamoDB
        return new S3ReportStore(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                S3Presigner.create(), config.reportsBucket());
    }

    @Singleton
    MerchantReports merchantReports(ReportStore store, Clock clock) {
        return new MerchantReports(store, clock);
    }

    @Singleton
    WalletRecords walletRecords(OutboundHttp http, Json json, MessageSigner signer, Clock clock, GatewayConfig config,
                                Metrics metrics) {
        return new SignedWalletRecords(new WalletCall(http, json, signer, clock, metrics), config.walletTimeouts().inquiry());
    }

    @Singleton
    DailyReports dailyReports(LedgerStore ledger, ClientStore clients, WalletStore wallets, ReportStore store,
                              WalletRecords walletRecords, GatewayConfig config, Metrics metrics) {
        return new DailyReports(ledger, clients, wallets, store, walletRecords, config.businessDay(), metrics);
    }
}
