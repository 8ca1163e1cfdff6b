package io.serversidesync.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the runner's classes small: no source file over 400 lines, no constructor over 7 parameters
 * (a step takes a context object and what is its own, not a list of collaborators).
 */
class CodeShapeTest {

  private static final int MAX_LINES = 400;
  private static final int MAX_PARAMETERS = 7;

  /**
   * Records whose components are one row or one answer, each built in one or two places, with every
   * component named where it is read. Anything else over the limit gets a builder.
   */
  private static final Map<String, String> WIDE_RECORDS =
      Map.of(
          "io.serversidesync.runner.errors.StoredError", "a row of serversidesync.errors",
          "io.serversidesync.runner.reverse.decide.SyncedVersion",
              "a row of serversidesync.synced_versions",
          "io.serversidesync.runner.reverse.decide.VersionWrite",
              "what one acknowledgement writes into serversidesync.synced_versions",
          "io.serversidesync.runner.reverse.decide.PageResult",
              "the counts and notes of one applied page of destination changes",
          "io.serversidesync.runner.reverse.store.TableShape",
              "the source table's columns as two-way writes them, read once from the catalog",
          "io.serversidesync.runner.destination.salesforce.describe.FieldDescription",
              "one field of Salesforce's describe answer");

  @Test
  void noConstructorTakesMoreThanSevenParameters() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.serversidesync.runner");
    constructors()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("io.serversidesync.runner..")
        .should(haveAtMostParameters())
        .check(classes);
  }

  @Test
  void noSourceFileIsLongerThanFourHundredLines() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(main)) {
      tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> lines(p) > MAX_LINES)
              .map(p -> main.relativize(p) + " (" + lines(p) + " lines)")
              .toList();
    }
    assertThat(tooLong).as("split these along what they do").isEmpty();
  }

  private static ArchCondition<JavaConstructor> haveAtMostParameters() {
    return new ArchCondition<>("take at most " + MAX_PARAMETERS + " parameters") {
      @Override
      public void check(JavaConstructor constructor, ConditionEvents events) {
        int count = constructor.getRawParameterTypes().size();
        String owner = constructor.getOwner().getName();
        // a record with a builder is built by named components (SyncSettings.builder()...)
        boolean built = constructor.getOwner().tryGetMethod("builder").isPresent();
        boolean wideRecord =
            constructor.getOwner().isRecord() && (built || WIDE_RECORDS.containsKey(owner));
        if (count > MAX_PARAMETERS && !wideRecord) {
          events.add(
              SimpleConditionEvent.violated(
                  constructor,
                  constructor.getFullName()
                      + " takes "
                      + count
                      + " parameters: pass a context object, or give the record a builder"));
        }
      }
    };
  }

  private static long lines(Path p) {
    try (Stream<String> lines = Files.lines(p)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
