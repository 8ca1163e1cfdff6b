package io.serversidesync.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The operator's packages (reconciler, dependents, status, …) depend on each other in one direction
 * only; the operator never depends on the test sandbox.
 */
@AnalyzeClasses(
    packages = "io.serversidesync.operator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule productCodeDoesNotDependOnTheSandbox =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.serversidesync.sandbox..")
          .because("the sandbox is a test double of the destination, never part of the operator");
}
