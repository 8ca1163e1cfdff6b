package io.serversidesync.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The sandbox's packages depend on each other in one direction only. */
@AnalyzeClasses(
    packages = "io.serversidesync.sandbox",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.(**)").should().beFreeOfCycles();

  /**
   * The Salesforce side knows nothing of HubSpot beyond the wiring: the sandbox, its config and
   * command line, and the admin door (which hands {@code /__sandbox/hubspot/…} over).
   */
  @ArchTest
  static final ArchRule salesforcePackagesDoNotUseHubSpot =
      noClasses()
          .that()
          .resideInAPackage("io.serversidesync.sandbox..")
          .and()
          .resideOutsideOfPackages(
              "io.serversidesync.sandbox.hubspot..",
              "io.serversidesync.sandbox.admin",
              "io.serversidesync.sandbox.cli",
              "io.serversidesync.sandbox")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.serversidesync.sandbox.hubspot..");

  /** HubSpot shares only the HTTP host, faults, stats and the sandbox clock. */
  @ArchTest
  static final ArchRule hubSpotUsesOnlyTheSharedParts =
      noClasses()
          .that()
          .resideInAPackage("io.serversidesync.sandbox.hubspot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.serversidesync.sandbox",
              "io.serversidesync.sandbox.api",
              "io.serversidesync.sandbox.admin",
              "io.serversidesync.sandbox.auth",
              "io.serversidesync.sandbox.bulk",
              "io.serversidesync.sandbox.quota",
              "io.serversidesync.sandbox.render",
              "io.serversidesync.sandbox.schema",
              "io.serversidesync.sandbox.soql",
              "io.serversidesync.sandbox.values",
              "io.serversidesync.sandbox.write");
}
