package dev.scanpay.core.model.code;

import dev.scanpay.core.model.payment.OrderDetails;
import java.time.Instant;
import java.util.Currency;

/**
 * A store's static entry code: printed once, scanned by any number of customers, each of whom types the
 * amount on the page it opens. It carries what that page shows and what each payment made through it says
 * about the merchant and store.
 *
 * @param notifyUrl where results of payments made through the code are notified; null means the client's default
 */
public record EntryCode(
        String token,
        String clientId,
        String referenceMerchantId,
        String merchantName,
        String merchantMCC,
        String merchantDisplayName,
        String referenceStoreId,
        String storeName,
        String storeMCC,
        String storeDisplayName,
        Currency currency,
        String notifyUrl,
        Instant createdAt) {

    /** What the customer sees as the merchant's name. */
    public String merchantLabel() {
        return merchantDisplayName != null ? merchantDisplayName : merchantName;
    }

    public String storeLabel() {
        return storeDisplayName != null ? storeDisplayName : storeName;
    }

    /** The order of one payment through this code: the store's details, described for the merchant's reports. */
    public OrderDetails order(String referenceOrderId) {
        return new OrderDetails(referenceOrderId, "Entry code payment at " + storeName, referenceMerchantId, merchantName,
                merchantMCC, referenceStoreId, storeName, storeMCC, null);
    }
}
