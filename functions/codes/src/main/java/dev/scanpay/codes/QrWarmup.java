package dev.scanpay.codes;

import io.micronaut.context.annotation.Context;

/**
 * Renders one code of each format when the function initialises, so the encoder, ImageIO's plugin registry
 * and the PNG writer are loaded and initialised in the SnapStart snapshot instead of on the first request.
 */
@Context
public class QrWarmup {

    public QrWarmup() {
        String sample = "https://scanpay.invalid/c/AAAAAAAAAAAAAAAAAAAAAAAAAAA";
        QrImages.png(sample, QrImages.Size.SMALLIMAGE);
        QrImages.svg(sample, QrImages.Size.SMALLIMAGE);
    }
}
