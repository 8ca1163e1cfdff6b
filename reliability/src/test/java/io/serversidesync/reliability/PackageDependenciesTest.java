package io.serversidesync.reliability;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The reliability harness's packages depend on each other in one direction only. */
@AnalyzeClasses(
    packages = "io.serversidesync.reliability",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.serversidesync.(**)").should().beFreeOfCycles();
}
