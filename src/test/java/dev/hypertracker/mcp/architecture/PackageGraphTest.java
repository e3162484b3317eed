package dev.hypertracker.mcp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hypertracker.mcp.Main;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the product code (tests excluded): no cycles between the packages under
 * dev.hypertracker.mcp, and the imitation API (sandbox) is reached only through the command line (cli), so
 * nothing on the serving path can lean on it. The rules name no other package, so renaming one keeps them valid.
 */
class PackageGraphTest {
    static final String ROOT = "dev.hypertracker.mcp";
    /** The compiled product classes only (target/classes): quicker than scanning the class path, and no tests. */
    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(productClasses());

    private static Path productClasses() {
        try {
            return Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void onlyTheCommandLineUsesTheSandbox() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".sandbox..")
                .because("the sandbox imitates the upstream API; only the `sandbox` command and --demo start it")
                .check(PRODUCT);
    }

    @Test
    void theRulesSeeTheWholeProduct() {
        // an import that found nothing would pass every rule
        org.assertj.core.api.Assertions.assertThat(
                        PRODUCT.stream().map(c -> c.getPackageName()).distinct())
                .contains(ROOT + ".cli", ROOT + ".sandbox", ROOT + ".catalog")
                .hasSizeGreaterThan(10);
    }
}
