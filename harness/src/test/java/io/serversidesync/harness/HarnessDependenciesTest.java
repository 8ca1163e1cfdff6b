package io.serversidesync.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The harness drives the product from outside, as a user would: through the runner's jar, its
 * status port, Postgres and the destination's public API. It is linked by {@code make demo}, so it
 * holds no test framework, and it never reaches into the runner's or the sandbox's classes.
 */
@AnalyzeClasses(
    packages = "io.serversidesync.harness",
    importOptions = ImportOption.DoNotIncludeTests.class)
class HarnessDependenciesTest {

  @ArchTest
  static final ArchRule noTestFramework =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.junit..", "org.assertj..", "org.awaitility..")
          .because("make demo links the harness; JUnit stays in test-support");

  @ArchTest
  static final ArchRule fromOutsideOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.serversidesync.runner..", "io.serversidesync.sandbox..")
          .because("the harness sees the runner and the destination as a user does");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.harness.(*)..").should().beFreeOfCycles();
}
