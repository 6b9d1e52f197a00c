package dev.scanpay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dynamodb-endpoint}: the stack uses a DynamoDB it did not start (here another DynamoDB Local, as a
 * fault-injecting proxy or a real table would be), creates its table there when missing, and keeps nothing
 * under its data dir's dynamodb folder.
 */
@Tag("e2e")
class ExternalDynamoTest {

    @TempDir
    Path dir;

    @Test
    void theStackCreatesItsTableInTheGivenDynamoAndTakesAPaymentThere() throws Exception {
        try (EmbeddedDynamo external = EmbeddedDynamo.inMemory();
             LocalStack.Running stack = LocalStack.start(dir, LocalStackTest.freePort(), LocalStackTest.freePort(), null,
                     List.of(LocalStack.DEFAULT_RECEIVER_PREFIX), external.endpoint())) {
            assertThat(external.client().listTables().tableNames()).contains(LocalStack.TABLE);

            assertThat(DemoPayment.run(new Args(new String[] {"--data-dir", dir.toString()}, 0))).as("pay ends in SUCCESS").isZero();

            assertThat(external.client().scan(b -> b.tableName(LocalStack.TABLE)).count()).isPositive();
            try (var kept = Files.list(dir.resolve("dynamodb"))) {
                assertThat(kept).as("nothing persisted locally").isEmpty();
            }
        }
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.start(dir, LocalStackTest.freePort(), LocalStackTest.freePort(), null,
                List.of(LocalStack.DEFAULT_RECEIVER_PREFIX), "localhost:8000")).isInstanceOf(StartupFailure.class);
    }
}
