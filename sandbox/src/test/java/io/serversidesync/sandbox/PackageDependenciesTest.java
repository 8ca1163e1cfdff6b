package io.serversidesync.sandbox;

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
}
