package dev.scanpay.local;

import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A merchant's signed AMS call over HTTP, verifying the gateway's signature on the answer. */
final class SignedHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final MessageSigner signer;
    private final PublicKey gatewayKey;

    SignedHttp(String baseUrl, MessageSigner signer, PublicKey gatewayKey) {
        this.baseUrl = baseUrl;
        this.signer = signer;
        this.gatewayKey = gatewayKey;
    }

    Map<String, Object> post(String path, Map<String, Object> request) throws IOException, InterruptedException {
        byte[] body = LocalFiles.JSON.write(request);
        String time = RequestTime.format(Instant.now());
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Client-Id", signer.clientId())
                .header("Request-Time", time)
                .header("Signature", signer.sign("POST", path, time, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        String responseTime = response.headers().firstValue("Response-Time").orElse("");
        String signature = response.headers().firstValue("Signature").flatMap(SignatureHeader::parse)
                .map(SignatureHeader::signatureBase64).orElse("");
        byte[] content = SignedContent.of("POST", path, signer.clientId(), responseTime, response.body());
        if (!RsaSigner.verify(gatewayKey, content, signature)) {
            throw new IOException("the gateway's answer is not signed by the gateway key");
        }
        return LocalFiles.JSON.parseObject(response.body());
    }
}
