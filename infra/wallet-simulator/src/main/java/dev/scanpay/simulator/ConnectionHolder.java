package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays a wallet that never answers: holds the connection for the hang duration in real time (the one
 * place the simulator does not use its clock, because the caller's timeout is real), then closes it
 * without a status line. Closing the simulator releases every held connection at once.
 */
final class ConnectionHolder {

    private final Duration hang;
    private final CountDownLatch released = new CountDownLatch(1);

    ConnectionHolder(Duration hang) {
        this.hang = hang;
    }

    void hold(HttpExchange exchange) {
        try {
            released.await(hang.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // no response headers were sent, so closing the exchange drops the connection
            exchange.close();
        }
    }

    void releaseAll() {
        released.countDown();
    }
}
