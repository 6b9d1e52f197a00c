package dev.scanpay.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.protocol.ProtocolException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnswerDeadlinesTest {

    private final AnswerDeadlines deadlines = new AnswerDeadlines(Duration.ofSeconds(1), Duration.ofMillis(500));

    @Test
    void workDoneInTimeIsTheAnswer() {
        assertThat(deadlines.within(Duration.ofSeconds(5), () -> "done")).contains("done");
    }

    @Test
    void workStillRunningAtTheDeadlineIsNoAnswerAndFinishesOnItsOwn() throws InterruptedException {
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);

        var answer = deadlines.within(Duration.ofMillis(50), () -> {
            try {
                mayFinish.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError("the work must not be interrupted");
            }
            finished.countDown();
            return "late";
        });
        assertThat(answer).isEmpty();

        mayFinish.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).as("left to finish, not cancelled").isTrue();
    }

    @Test
    void whatTheWorkThrowsIsThrownAsItWas() {
        ProtocolException refusal = ProtocolException.paramIllegal("amount", "is negative");
        assertThatThrownBy(() -> deadlines.within(Duration.ofSeconds(5), () -> {
            throw refusal;
        })).isSameAs(refusal);
    }
}
