package dev.scanpay.core.model.payment;

/** Who paid, as the wallet tells it; AMS calls this pspCustomerInfo. */
public record WalletCustomer(String pspName, String pspCustomerId, String displayCustomerId) {
}
