package dev.scanpay.core.payment;

/** Who paid, as the wallet tells it; AMS calls this pspCustomerInfo. */
public record WalletCustomer(String pspName, String pspCustomerId, String displayCustomerId) {
}
