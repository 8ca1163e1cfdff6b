package io.serversidesync.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runner's packages show the data flow and depend on each other in one direction only; the
 * engine and everything else reach a destination through the SPI, never through its implementation;
 * product code never depends on the test sandbox.
 */
@AnalyzeClasses(
    packages = "io.serversidesync.runner",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyItsProviderWiringUsesTheSalesforceDestination =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.serversidesync.runner.destination.salesforce..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.serversidesync.runner.destination.salesforce..")
          .because(
              "the Salesforce destination is found through DestinationProvider (ServiceLoader);"
                  + " the engine and the other packages use the destination SPI");

  @ArchTest
  static final ArchRule productCodeDoesNotDependOnTheSandbox =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.serversidesync.sandbox..")
          .because("the sandbox is a test double of the destination, never part of the runner");
}
