package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The drawings of the machines checked into {@code docs/} (and shown in the README's "State machines") are the
 * machines as declared: each is rendered here and compared. When a machine changes, regenerate both with
 * {@code ./mvnw -B -ntp -o -pl functions/core -am verify -Dtest=MachineDiagramsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscanpay.writeDiagrams=true}.
 */
class MachineDiagramsTest {

    static final String WRITE = "scanpay.writeDiagrams";
    private static final String REGENERATE = "regenerate with: ./mvnw -B -ntp -o -pl functions/core -am verify"
            + " -Dtest=MachineDiagramsTest -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true";

    static Map<String, String> diagrams() {
        Map<String, String> diagrams = new LinkedHashMap<>();
        diagrams.put("docs/payment-machine.mmd", PaymentMachine.MACHINE.mermaid());
        diagrams.put("docs/refund-machine.mmd", RefundMachine.MACHINE.mermaid());
        diagrams.put("docs/notification-machine.mmd", NotificationMachine.MACHINE.mermaid());
        return diagrams;
    }

    /** The repository's root: the first folder up from the module's that holds {@code template.yaml}. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The README's copy of a drawing: the mermaid block right after the line {@code <!-- docs/x.mmd -->}. */
    static Pattern readmeBlock(String file) {
        return Pattern.compile("(<!-- " + Pattern.quote(file) + " -->\\n```mermaid\\n)(.*?)(```)", Pattern.DOTALL);
    }

    private static boolean writing() {
        return Boolean.getBoolean(WRITE);
    }

    @Test
    void theDrawingsInDocsAreTheMachinesAsDeclared() throws IOException {
        Path root = repoRoot();
        for (Map.Entry<String, String> diagram : diagrams().entrySet()) {
            Path file = root.resolve(diagram.getKey());
            if (writing()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, diagram.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(Files.isRegularFile(file)).as("%s is missing; %s", diagram.getKey(), REGENERATE).isTrue();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("%s is stale: it is not the machine as declared in dev.scanpay.core.rules; %s", diagram.getKey(), REGENERATE)
                    .isEqualTo(diagram.getValue());
        }
    }

    @Test
    void theReadmeShowsTheDrawingsInDocs() throws IOException {
        Path readme = repoRoot().resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> diagram : diagrams().entrySet()) {
            Matcher block = readmeBlock(diagram.getKey()).matcher(text);
            assertThat(block.find()).as("README.md has no mermaid block after <!-- %s -->", diagram.getKey()).isTrue();
            if (writing()) {
                text = text.substring(0, block.start(2)) + diagram.getValue() + text.substring(block.end(2));
                Files.writeString(readme, text, StandardCharsets.UTF_8);
                continue;
            }
            String file = Files.readString(repoRoot().resolve(diagram.getKey()), StandardCharsets.UTF_8);
            assertThat(block.group(2)).as("README.md's drawing of %s differs from the file; %s", diagram.getKey(), REGENERATE)
                    .isEqualTo(file);
        }
    }
}
