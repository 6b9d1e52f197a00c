/**
 * The wire layer of the Legacy Barcode API ({@code /gateway.do}, MAPI; protocol.md §8): request parsing
 * ({@link dev.scanpay.core.api.legacy.LegacyRequestParser}), signatures ({@link dev.scanpay.core.api.legacy.LegacySignature}),
 * amounts ({@link dev.scanpay.core.api.legacy.LegacyAmount}), XML answers ({@link dev.scanpay.core.api.legacy.LegacyAnswer}),
 * the services and their codes, partner ids; the cancel window is a rule
 * ({@link dev.scanpay.core.rules.LegacyCancelWindow}).
 *
 * <p>Where §8 is silent or unclear, this is what was chosen (and why):
 * <ul>
 * <li>An unknown {@code service} is {@code ILLEGAL_EXTERFACE}: §8 documents no {@code ILLEGAL_SERVICE}. A missing
 *     one, and an unknown {@code _input_charset}, are {@code ILLEGAL_ARGUMENT}: §8 documents no charset error.</li>
 * <li>A refusal ({@code is_success=F}) is the error only, as §8.3's example says: no echo of an unverified request,
 *     no response, no signature.</li>
 * <li>With no {@code _input_charset}, a §8.3 charset named by the Content-Type is used, else UTF-8. With
 *     {@code _input_charset} in both the URL query and the body (Alipay's demo), both must name the same charset
 *     (in any case) and the body's spelling is the parameter, as it is the one the demo signs. With it only in the
 *     URL query of a POST, it is still a parameter, so it is signed.</li>
 * <li>A POST body is read as a form when its Content-Type is the form's (any parameters after it, as in the
 *     demo's {@code application/x-www-form-urlencoded; text/html; charset=UTF-8}) or absent; any other type is
 *     {@code ILLEGAL_ARGUMENT}. A GET's body is ignored.</li>
 * <li>Any other name sent twice, in one place or across query and body, is refused: which value was signed cannot
 *     be known.</li>
 * <li>Values are decoded strictly: a broken {@code %} escape, bytes the charset has no character for, and characters
 *     XML 1.0 cannot carry are {@code ILLEGAL_ARGUMENT} rather than silently replaced.</li>
 * <li>{@code sign_type} must be spelt as §8.2 spells it ({@code MD5}, {@code RSA}, {@code RSA2}); one the partner
 *     has no key for is {@code ILLEGAL_SIGN_TYPE}. An MD5 sign is taken in either case of hex; an RSA sign whose
 *     {@code +} arrived as a space (sent unencoded in a query) is read with the {@code +}.</li>
 * <li>spot.pay requires what a charge needs ({@code partner_trans_id}, {@code trans_name}, {@code currency},
 *     {@code trans_amount}, {@code buyer_identity_code}); §8.3's table marks no column as required, and the other
 *     fields are descriptive. The cancel's {@code timestamp} is required, as §8.5 says, although some clients omit
 *     it. {@code notify_verify} is not signed.</li>
 * <li>Amounts: zero is refused; {@code 880.00} JPY is 880 (trailing zeros beyond the exponent are fine); the
 *     per-field ranges of §8.3/§8.6 ({@code 0.01–100000000.00}) are the services' to check.</li>
 * <li>The cancel window closes at 00:15 GMT+8 on the day after the transaction's GMT+8 day (§0, §7.3 "same day
 *     until T+1 00:15 UTC+8"; §8.5 "only within the transaction day (GMT+8)").</li>
 * <li>Result codes keep each service's documented spelling: spot.pay {@code SUCCESS/FAILED/UNKNOW}, query
 *     {@code SUCCESS/FAIL}, cancel and refund {@code SUCCESS/FAIL/UNKNOWN}.</li>
 * <li>The body (and query) cap is 64 KB, {@link dev.scanpay.core.api.SignedJsonApi#MAX_BODY_BYTES}.</li>
 * </ul>
 *
 * <p>The service, {@link dev.scanpay.core.api.legacy.LegacyGateway}, made these choices where §8 is silent:
 * <ul>
 * <li>Checks run in this order: the request's form, the service and its parameters (ILLEGAL_ARGUMENT,
 *     ILLEGAL_EXTERFACE), the partner (ILLEGAL_PARTNER: malformed, or no client with that id), the signature
 *     (ILLEGAL_SIGN_TYPE, ILLEGAL_SIGN). Nothing is read from the table before the partner, nothing written before
 *     the signature.</li>
 * <li>A partner is a {@code Client} whose clientId is its partner id; legacy requests name no key version, so any of
 *     its registered RSA keys may verify an RSA or RSA2 request. Its MD5 key is in {@link
 *     dev.scanpay.core.api.legacy.LegacyMd5Keys}, loaded from a secret, never from the table.</li>
 * <li>The same partner_trans_id (or partner_refund_id) with another amount, currency, code or payment is refused at
 *     the gateway level, {@code INVALID_PARAMETER}: nothing was accepted, nothing written. A malformed value the
 *     services refuse (PARAM_ILLEGAL) is {@code ILLEGAL_ARGUMENT}; an ISV's merchant it may not act for is
 *     {@code HAS_NO_PRIVILEGE}.</li>
 * <li>Business refusals go inside {@code <response>} with §8.3's names: no wallet takes the buyer's code
 *     {@code SOUNDWAVE_PARSER_FAIL} (as is a code that is not 16–24 digits), no such transaction
 *     {@code TRADE_NOT_EXIST} ({@code TRANS_NOT_FOUND} for the query, as §8.4 shows), a refund beyond what is left
 *     {@code REQUEST_AMOUNT_EXCEED}, a payment not in a state to refund {@code TRADE_STATUS_ERROR}, a refund past
 *     its window {@code REFUND_AMT_RESTRICTION}; a wallet's decline keeps the wallet's own code (AMS's names).</li>
 * <li>A cancel after the window is {@code FAIL} with retry_flag {@code N} and detail_error_code
 *     {@code TRADE_STATUS_ERROR} (§8 names no code for it; §8.7 says refund instead). A cancel whose wallet
 *     reversal is not confirmed yet is {@code UNKNOWN} with {@code Y}: the gateway keeps asking the wallet, and a
 *     repeat cancel is harmless.</li>
 * <li>Query and cancel by both ids need both to name the same transaction (alipay_trans_id is looked up first).</li>
 * <li>Times ({@code alipay_pay_time}) are written in GMT+8, Alipay's own zone, as {@code yyyyMMddHHmmss}.</li>
 * <li>extend_info's {@code secondary_merchant_name}, {@code secondary_merchant_industry}, {@code store_id},
 *     {@code store_name} and {@code terminal_id} describe the order to the wallet; the partner's name stands in for a
 *     missing merchant name. It must be a JSON object when sent.</li>
 * <li>Notifications (§8.2 "async notifications: same rule over posted params"): a spot.pay's {@code notify_url} is
 *     checked as AMS's paymentNotifyUrl is ({@code NotifyUrlRule}: destination rules and the partner's prefixes; a
 *     refusal is {@code ILLEGAL_ARGUMENT}, nothing written) and limited to §8.3's 200 characters. The result is
 *     owed in the payment's own transaction ({@code MerchantNotices}, the payment's {@code NotifyFormat} naming the
 *     spot.pay's sign_type) and sent by {@link dev.scanpay.core.api.legacy.LegacyNotificationSender} through
 *     {@code NotificationDelivery}: the AMS outbox, machine and schedule ({@code NotificationSchedule}; §8 gives no
 *     legacy schedule). The parameters are {@code notify_id}, {@code notify_time} ({@code yyyy-MM-dd HH:mm:ss}
 *     GMT+8, as Alipay writes it, fresh at each attempt), {@code notify_type=trade_status_sync}, {@code
 *     trade_status} ({@code TRADE_SUCCESS}/{@code TRADE_CLOSED}, the reason in {@code error}), the transaction's
 *     fields as the query shows them, {@code sign_type} and {@code sign}; posted as a UTF-8 form whatever the
 *     spot.pay's charset, and acknowledged by HTTP 200 with the text {@code success} (trimmed). No notify_url, no
 *     notification: the partner's default AMS notify URL is not used (§8.3 "if no notify, use query").</li>
 * <li>{@code notify_verify} is unsigned (as clients send it) and answers {@code true} only for a notify_id made for
 *     that partner and attempted at least once; a notify_id is the notification's id, a dot and 32 random hex digits
 *     (compared in constant time), so it cannot be guessed from a payment's id and the check tells nobody about
 *     another partner's notifications.</li>
 * <li>{@code is_sync} (§8.6): Y waits for the wallet's verdict as AMS refunds do; N is reserved and answered at
 *     once with {@code UNKNOWN}, and its first follow-up (the sweeper, or a repeat) sends it to the wallet. A missing
 *     one is Y, although §8.6 calls N the default: clients that say nothing have always had the verdict in the
 *     answer. An N refund's {@code notify_url} (checked as a spot.pay's) gets its verdict through the same outbox,
 *     owed in the refund's own transaction: {@code notify_type=refund_status_sync} (§8 shows no refund notification;
 *     a type of its own so that a client knowing only trade_status_sync ignores it), {@code refund_status}
 *     {@code REFUND_SUCCESS}/{@code REFUND_FAIL}, the refund's ids, amount and time. Y is "sync result only": never
 *     notified.</li>
 * <li>Not served, as the core has no data for them: {@code exchange_rate}, {@code trans_amount_cny},
 *     {@code refund_amount_cny}, {@code forex_total_fee}, {@code trans_forex_rate} (the gateway keeps no exchange
 *     rates) and {@code payment_inst}; the query answer has no refund state, as §8.4 shows none.</li>
 * </ul>
 */
package dev.scanpay.core.api.legacy;
