package io.serversidesync.runner;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runner's packages are the stages of its data flow (see the package table in docs/runner.md):
 * a change goes capture → coalesce → plan → deliver → destination, and each stage depends only on
 * the stages before it, on the shared Postgres primitives ({@code pg}) and the settings ({@code
 * config}). The few edges against the flow are named here with their reason. The engine wires the
 * stages; only the command line sits above it.
 */
@AnalyzeClasses(
    packages = "io.serversidesync.runner",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  private static final String RUNNER = "io.serversidesync.runner";

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule stagesDependOnlyForward =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("config")
          .definedBy(RUNNER + ".config..")
          .layer("pg")
          .definedBy(RUNNER + ".pg..")
          .layer("capture")
          .definedBy(RUNNER + ".capture..")
          .layer("coalesce")
          .definedBy(RUNNER + ".coalesce..")
          .layer("plan")
          .definedBy(RUNNER + ".plan..")
          .layer("convert")
          .definedBy(RUNNER + ".convert..")
          .layer("deliver")
          .definedBy(RUNNER + ".deliver..")
          .layer("destination SPI")
          .definedBy(RUNNER + ".destination")
          .layer("destination toolkits")
          .definedBy(RUNNER + ".destination.http..", RUNNER + ".destination.ratelimit..")
          .layer("destinations")
          .definedBy(RUNNER + ".destination.salesforce..", RUNNER + ".destination.hubspot..")
          .layer("errors")
          .definedBy(RUNNER + ".errors..")
          .layer("status")
          .definedBy(RUNNER + ".status..")
          .layer("preflight")
          .definedBy(RUNNER + ".preflight..")
          .layer("reverse decide")
          .definedBy(RUNNER + ".reverse.decide..")
          .layer("reverse store")
          .definedBy(RUNNER + ".reverse.store..")
          .layer("reverse poll")
          .definedBy(RUNNER + ".reverse.poll..")
          .layer("reverse")
          .definedBy(RUNNER + ".reverse")
          .layer("engine")
          .definedBy(RUNNER + ".engine..")
          .layer("cli")
          .definedBy(RUNNER + ".cli..")
          // the Secret lookup is the destination SPI's own type, read by the settings loader
          .whereLayer("config")
          .mayOnlyAccessLayers("destination SPI")
          .whereLayer("pg")
          .mayOnlyAccessLayers("config")
          .whereLayer("capture")
          .mayOnlyAccessLayers("config", "pg")
          .whereLayer("coalesce")
          .mayOnlyAccessLayers("config", "capture")
          .whereLayer("plan")
          .mayOnlyAccessLayers("config", "destination SPI")
          .whereLayer("convert")
          .mayOnlyAccessLayers("destination SPI")
          .whereLayer("deliver")
          .mayOnlyAccessLayers(
              "config", "coalesce", "plan", "convert", "destination SPI", "errors", "status")
          .whereLayer("destination SPI")
          .mayNotAccessAnyLayer()
          .whereLayer("destination toolkits")
          .mayOnlyAccessLayers("destination SPI")
          .whereLayer("destinations")
          .mayOnlyAccessLayers("destination SPI", "destination toolkits")
          .whereLayer("errors")
          .mayOnlyAccessLayers("config", "pg", "status")
          .whereLayer("status")
          .mayOnlyAccessLayers("pg", "destination SPI")
          .whereLayer("preflight")
          .mayOnlyAccessLayers("config", "pg", "capture")
          .whereLayer("reverse decide")
          .mayOnlyAccessLayers("destination SPI")
          // two-way plugs into forward delivery: resend requests travel with the cuts
          .whereLayer("reverse store")
          .mayOnlyAccessLayers(
              "config", "pg", "convert", "deliver", "destination SPI", "reverse decide")
          .whereLayer("reverse poll")
          .mayOnlyAccessLayers(
              "config", "pg", "destination SPI", "status", "reverse decide", "reverse store")
          // two-way observes forward delivery (ForwardObserver) to learn native ids and echoes
          .whereLayer("reverse")
          .mayOnlyAccessLayers(
              "config",
              "pg",
              "deliver",
              "destination SPI",
              "status",
              "reverse decide",
              "reverse store",
              "reverse poll")
          .whereLayer("engine")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer();

  @ArchTest
  static final ArchRule onlyDestinationsUseTheDestinationToolkits =
      noClasses()
          .that()
          .resideOutsideOfPackage(RUNNER + ".destination..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RUNNER + ".destination.ratelimit..", RUNNER + ".destination.http..")
          .because(
              "rate limiting and HTTP are toolkits of the destination implementations; the"
                  + " stages meet a destination only through its SPI");

  @ArchTest
  static final ArchRule onlyItsProviderWiringUsesTheSalesforceDestination =
      noClasses()
          .that()
          .resideOutsideOfPackage(RUNNER + ".destination.salesforce..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(RUNNER + ".destination.salesforce..")
          .because(
              "the Salesforce destination is found through DestinationProvider (ServiceLoader);"
                  + " the engine and the other packages use the destination SPI");

  @ArchTest
  static final ArchRule onlyItsProviderWiringUsesTheHubSpotDestination =
      noClasses()
          .that()
          .resideOutsideOfPackage(RUNNER + ".destination.hubspot..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(RUNNER + ".destination.hubspot..")
          .because(
              "the HubSpot destination is found through DestinationProvider (ServiceLoader); the"
                  + " engine, the other destinations and the other packages use the destination"
                  + " SPI");

  /** How the types and accessors of a destination kind are named (CRD spec types, accessors). */
  private static final String DESTINATION_NAMES = "(Salesforce|HubSpot|Hubspot|SObject|Soql)";

  @ArchTest
  static final ArchRule onlyTheDestinationPackagesNameADestination =
      noClasses()
          .that()
          .resideInAPackage(RUNNER + "..")
          .and()
          .resideOutsideOfPackage(RUNNER + ".destination..")
          .should()
          .haveNameMatching(".*\\." + DESTINATION_NAMES + "[^.]*")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching(".*\\." + DESTINATION_NAMES + "[^.]*")
          .orShould()
          .callMethodWhere(target(nameMatching("(get|set|is)" + DESTINATION_NAMES + ".*")))
          .because(
              "a destination's rules reach the stages through the destination SPI (Destination,"
                  + " DestinationRules, DeliveryPath, ChangeReader, DestinationProvider), so a"
                  + " second destination inherits none of the first one's; see also"
                  + " DestinationConstantsTest");

  @ArchTest
  static final ArchRule productCodeDoesNotDependOnTheSandbox =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.serversidesync.sandbox..")
          .because("the sandbox is a test double of the destination, never part of the runner");
}
