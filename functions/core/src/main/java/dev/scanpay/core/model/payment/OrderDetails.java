package dev.scanpay.core.model.payment;

/** What the merchant told us about the order, kept for inquiry answers, notifications and reconciliation. */
public record OrderDetails(
        String referenceOrderId,
        String orderDescription,
        String referenceMerchantId,
        String merchantName,
        String merchantMCC,
        String referenceStoreId,
        String storeName,
        String storeMCC,
        String terminalId) {
}
