package dev.scanpay.core.api.legacy;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.outbound.OutboundFailure;
import dev.scanpay.core.outbound.OutboundHttp;
import dev.scanpay.core.service.notify.NotificationChannel;
import dev.scanpay.core.service.notify.NotificationSender.Attempt;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.wire.LegacyWire;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posts one legacy notification (protocol.md §8.2) to the partner's notify_url: its stored parameters plus a fresh
 * {@code notify_time}, signed as a request is (sorted {@code k=v&...}, without sign and sign_type) with the
 * sign_type of the partner's spot.pay, MD5 with the partner's key or RSA/RSA2 with the gateway's, and sent as an
 * {@code application/x-www-form-urlencoded} form in UTF-8 through {@link OutboundHttp} (deadline, read cap,
 * destination rules). Acknowledged when the partner answers HTTP 200 with the text {@code success} (trimmed), as
 * Alipay's notifications expect.
 */
public final class LegacyNotificationSender implements NotificationChannel {

    /** The notifications' charset: the form and the signed content are UTF-8 whatever the spot.pay used. */
    public static final Charset CHARSET = StandardCharsets.UTF_8;

    /** Alipay's notify_time: {@code yyyy-MM-dd HH:mm:ss}, Beijing time. */
    private static final DateTimeFormatter NOTIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(LegacyWire.ZONE);

    private final OutboundHttp http;
    private final LegacyMd5Keys md5Keys;
    private final MessageSigner gatewaySigner;
    private final Json json;
    private final Clock clock;
    private final Duration timeout;

    public LegacyNotificationSender(OutboundHttp http, LegacyMd5Keys md5Keys, MessageSigner gatewaySigner, Json json,
                                    Clock clock, Duration timeout) {
        this.http = http;
        this.md5Keys = md5Keys;
        this.gatewaySigner = gatewaySigner;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Attempt send(MerchantNotification notification) {
        OutboundHttp.Exchange exchange = http.postForm(notification.url(), signed(notification), timeout);
        return Attempt.of(exchange, body -> "success".equals(new String(body, CHARSET).trim())
                ? null : OutboundFailure.NOT_ACKNOWLEDGED);
    }

    /** The parameters posted: the stored ones, {@code notify_time} now, {@code sign_type} and {@code sign}. */
    Map<String, String> signed(MerchantNotification notification) {
        Map<String, String> params = new TreeMap<>();
        json.parseObject(notification.body().getBytes(StandardCharsets.UTF_8))
                .forEach((name, value) -> params.put(name, String.valueOf(value)));
        params.put("notify_time", NOTIFY_TIME.format(clock.instant()));
        LegacyAnswerSigner signer = signer(notification);
        params.put("sign_type", signer.type().name());
        params.put("sign", signer.sign(LegacySignature.content(params), CHARSET));
        return params;
    }

    private LegacyAnswerSigner signer(MerchantNotification notification) {
        LegacySignType type = LegacySignType.parse(notification.format().legacySignType());
        if (type != LegacySignType.MD5) {
            return LegacyAnswerSigner.rsa(type, gatewaySigner);
        }
        // the partner's key as it is now: one rotated since the spot.pay signs what the partner now verifies with
        return LegacyAnswerSigner.md5(md5Keys.forPartner(notification.clientId()).orElseThrow(() ->
                new IllegalStateException("no MD5 key for partner " + notification.clientId())));
    }
}
