package dev.scanpay.core.model.payment;

import static dev.scanpay.core.model.payment.PaymentStatus.CANCELLED;
import static dev.scanpay.core.model.payment.PaymentStatus.CREATED;
import static dev.scanpay.core.model.payment.PaymentStatus.FAIL;
import static dev.scanpay.core.model.payment.PaymentStatus.PROCESSING;
import static dev.scanpay.core.model.payment.PaymentStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.rules.PaymentMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payment state machine, every pair of states. The expected table is written out here by hand, as the
 * class comment of {@link PaymentStatus} draws it, so a change to the table has to change this test too.
 */
class PaymentStatusTest {

    private static final String[] TABLE = {
            //            CREATED PROCESSING SUCCESS FAIL CANCELLED   (to)
            /* CREATED    */ "-       yes        -       -    yes",
            /* PROCESSING */ "-       -          yes     yes  yes",
            /* SUCCESS    */ "-       -          -       -    yes",
            /* FAIL       */ "-       -          -       -    -",
            /* CANCELLED  */ "-       -          -       -    -",
    };

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        PaymentStatus[] states = PaymentStatus.values();
        for (int from = 0; from < states.length; from++) {
            String[] row = TABLE[from].trim().split("\\s+");
            for (int to = 0; to < states.length; to++) {
                pairs.add(Arguments.of(states[from], states[to], row[to].equals("yes")));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void transitionTable(PaymentStatus from, PaymentStatus to, boolean legal) {
        assertThat(PaymentMachine.statusesAfter(from).contains(to)).isEqualTo(legal);
        assertThat(PaymentMachine.statusesAfter(from).contains(to)).isEqualTo(legal);
    }

    @Test
    void theTableCoversEveryStateInDeclarationOrder() {
        assertThat(PaymentStatus.values()).containsExactly(CREATED, PROCESSING, SUCCESS, FAIL, CANCELLED);
        assertThat(TABLE).hasSize(PaymentStatus.values().length);
    }

    @Test
    void noStateMovesToItself() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentMachine.statusesAfter(status).contains(status)).as(status.name()).isFalse();
        }
    }

    @Test
    void finalStatesHaveNoExits() {
        assertThat(PaymentMachine.statusesAfter(FAIL)).isEmpty();
        assertThat(PaymentMachine.statusesAfter(CANCELLED)).isEmpty();
    }

    @Test
    void aCancelInsideTheWindowReversesASuccess() {
        assertThat(PaymentMachine.statusesAfter(SUCCESS).contains(CANCELLED)).isTrue();
    }

    @Test
    void cancelWinsOverALateSuccess() {
        assertThat(PaymentMachine.statusesAfter(CANCELLED).contains(SUCCESS)).isFalse();
    }

    @Test
    void nothingGoesBackToProcessingOrCreated() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentMachine.statusesAfter(status).contains(CREATED)).as(status + " -> CREATED").isFalse();
        }
        assertThat(List.of(SUCCESS, FAIL, CANCELLED)).noneMatch(s -> PaymentMachine.statusesAfter(s).contains(PROCESSING));
    }

    @Test
    void outcomesAreTheStatesAMerchantCanActOn() {
        assertThat(Stream.of(PaymentStatus.values()).filter(PaymentStatus::hasOutcome))
                .containsExactly(SUCCESS, FAIL, CANCELLED);
    }
}
