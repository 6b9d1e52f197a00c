package dev.scanpay.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's packages, bottom to top, as the README's Architecture section draws them. A class may use classes of
 * its own package and of the packages below it, never above: so a newcomer reads core from the bottom up and
 * each rule has one home. A new package must be placed in this list before it compiles into core.
 */
class CoreLayersTest {

    static final String CORE = "dev.scanpay.core";

    /** Bottom first. Each package may depend only on the ones before it. */
    static final List<String> BOTTOM_UP = List.of(
            // foundation: no notion of a payment
            "observe", "money", "json", "signing", "protocol", "outbound",
            // the records and their values
            "model.client", "model.wallet", "model.payment", "model.refund", "model.code", "model.notification",
            "model.ledger",
            // how the records look on the AMS wire
            "wire",
            // pure rules: the machines, what wallet answers prove, schedules
            "rules",
            // DynamoDB: one conditional write per state change
            "store",
            // services: load, apply an edge, call the wallet or merchant, apply the next edge
            "service.directory", "service.wallet", "service.notify", "service.followup", "service.code",
            "service.intake", "service.merchant", "service.reconcile",
            // the signed JSON dispatcher and the two APIs on it; the legacy gateway (key=value in, XML out)
            "api", "api.wallet", "api.merchant", "api.legacy",
            // beans
            "config",
            // runs the beans a function built once, without side effects, before its first request
            "priming");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void everyPackageOfCoreHasItsPlaceInTheOrder() {
        var placed = BOTTOM_UP.stream().map(p -> CORE + "." + p).collect(Collectors.toSet());
        var packages = core.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).as("core packages missing from BOTTOM_UP").isSubsetOf(placed);
    }

    @Test
    void noImportRunsBackUp() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String p : BOTTOM_UP) {
            layers = layers.layer(p).definedBy(CORE + "." + p);
        }
        for (int i = 0; i < BOTTOM_UP.size(); i++) {
            List<String> above = BOTTOM_UP.subList(i + 1, BOTTOM_UP.size());
            layers = above.isEmpty()
                    ? layers.whereLayer(BOTTOM_UP.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(BOTTOM_UP.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        layers.check(core);
    }

    @Test
    void noCycles() {
        slices().matching(CORE + ".(**)").should().beFreeOfCycles().check(core);
    }
}
