package io.serversidesync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link PackageDependenciesTest} cannot see in class files: constants. Outside the
 * destination packages, no string literal names a destination or its API, and the stages that size
 * requests, pages and id columns hold none of the record limits or id lengths destinations have
 * (15, 18, 200, 2000): those come from the destination through its SPI. Comments may still name a
 * destination as an example.
 */
class DestinationConstantsTest {

  private static final Path RUNNER = Path.of("src/main/java/io/serversidesync/runner");

  /** The stages whose numbers could be a destination's limit (convert: Postgres type OIDs). */
  private static final List<String> STAGES =
      List.of("plan", "deliver", "coalesce", "reverse", "engine", "cli", "preflight", "errors");

  private static final Pattern NAMED =
      Pattern.compile("(?i)salesforce|hubspot|sobject|soql|bulk api|composite/");

  private static final Pattern LIMIT = Pattern.compile("(?<![\\w.])(15|18|200|2_?000)(?![\\w.])");

  private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  @Test
  void noStringLiteralOutsideTheDestinationPackagesNamesADestination() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources(RUNNER)) {
      if (file.startsWith(RUNNER.resolve("destination"))) {
        continue;
      }
      Matcher strings = STRING.matcher(code(file));
      while (strings.find()) {
        if (NAMED.matcher(strings.group()).find()) {
          found.add(RUNNER.relativize(file) + ": " + strings.group());
        }
      }
    }
    assertThat(found).as("destination names outside the destination packages").isEmpty();
  }

  @Test
  void theStagesHoldNoDestinationLimit() throws IOException {
    List<String> found = new ArrayList<>();
    for (String stage : STAGES) {
      for (Path file : sources(RUNNER.resolve(stage))) {
        String code = STRING.matcher(code(file)).replaceAll("\"\"");
        Matcher limits = LIMIT.matcher(code);
        while (limits.find()) {
          found.add(RUNNER.relativize(file) + ": " + limits.group());
        }
      }
    }
    assertThat(found).as("destination limits in the stages").isEmpty();
  }

  @Test
  void theScanSeesWhatItLooksFor() {
    String code = "int size = 200; // Salesforce: 200\nString s = \"Salesforce\";";
    assertThat(LIMIT.matcher(STRING.matcher(code).replaceAll("\"\"")).find()).isTrue();
    assertThat(NAMED.matcher(COMMENT.matcher(code).replaceAll("")).find()).isTrue();
    assertThat(LIMIT.matcher("x / 10_000 + 1.5 + v15").find()).isFalse();
  }

  /** The file's code without comments. */
  private static String code(Path file) throws IOException {
    return COMMENT.matcher(Files.readString(file)).replaceAll("");
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
