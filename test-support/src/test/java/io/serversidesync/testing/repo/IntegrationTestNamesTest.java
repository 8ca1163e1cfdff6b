package io.serversidesync.testing.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.harness.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One convention for integration tests in every module: a test class that needs Postgres, the
 * sandbox, a child JVM or the mock API server is tagged {@code integration} and named {@code *IT};
 * Failsafe runs exactly those, Surefire the rest. A tagged {@code *Test} would run in neither.
 */
class IntegrationTestNamesTest {

  private static final Pattern TAGGED_CLASS =
      Pattern.compile(
          "@Tag\\(\"integration\"\\)(?:\\s*//[^\\n]*)?\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
              + "(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");

  @Test
  void taggedTestClassesAreNamedItAndEveryItIsTagged() throws IOException {
    Path root = RepoFiles.root();
    List<Path> tests;
    try (Stream<Path> files = Files.walk(root)) {
      tests =
          files
              .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList();
    }
    assertThat(tests).isNotEmpty();
    List<String> misnamed =
        tests.stream()
            .filter(p -> taggedClass(p) && !p.getFileName().toString().endsWith("IT.java"))
            .map(p -> root.relativize(p).toString())
            .toList();
    List<String> untagged =
        tests.stream()
            .filter(p -> p.getFileName().toString().endsWith("IT.java") && !taggedClass(p))
            .map(p -> root.relativize(p).toString())
            .toList();
    assertThat(misnamed).as("tagged integration but not named *IT").isEmpty();
    assertThat(untagged).as("named *IT but not tagged integration").isEmpty();
  }

  @Test
  void theRuleReadsATaggedClass() {
    assertThat(
            TAGGED_CLASS.matcher("@Tag(\"integration\")\n@ExtendWith(X.class)\nclass AIT {").find())
        .isTrue();
    assertThat(TAGGED_CLASS.matcher("class ATest {\n  @Test void a() {}\n}").find()).isFalse();
  }

  private static boolean taggedClass(Path file) {
    try {
      return TAGGED_CLASS.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
