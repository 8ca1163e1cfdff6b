package io.serversidesync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package table in docs/runner.md is how a newcomer finds a class's stage: it must name every
 * package of the runner (a {@code name.*} row covers that package and its sub-packages) and nothing
 * that is gone.
 */
class PackageTableTest {

  private static final Path SOURCES = Path.of("src/main/java/io/serversidesync/runner");
  private static final Path DOC = Path.of("../docs/runner.md");
  private static final Pattern ROW = Pattern.compile("^\\| (`[a-z.*]+`(?:, `[a-z.*]+`)*) \\|");
  private static final Pattern NAME = Pattern.compile("`([a-z.*]+)`");

  @Test
  void theTableNamesEveryPackageAndOnlyThose() throws IOException {
    Set<String> packages = packages();
    Set<String> rows = rows();
    assertThat(packages).as("packages in the code").isNotEmpty();

    Set<String> unlisted = new TreeSet<>();
    for (String p : packages) {
      if (rows.stream().noneMatch(row -> covers(row, p))) {
        unlisted.add(p);
      }
    }
    Set<String> gone = new TreeSet<>();
    for (String row : rows) {
      if (packages.stream().noneMatch(p -> covers(row, p))) {
        gone.add(row);
      }
    }
    assertThat(unlisted).as("packages missing from docs/runner.md's table").isEmpty();
    assertThat(gone).as("rows of docs/runner.md's table naming no package").isEmpty();
  }

  private static boolean covers(String row, String pkg) {
    if (!row.endsWith(".*")) {
      return row.equals(pkg);
    }
    String base = row.substring(0, row.length() - 2);
    return pkg.equals(base) || pkg.startsWith(base + ".");
  }

  /** Packages (relative to io.serversidesync.runner) that hold at least one class. */
  private static Set<String> packages() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
          .map(f -> SOURCES.relativize(f.getParent()).toString().replace('/', '.'))
          .filter(p -> !p.isEmpty())
          .forEach(packages::add);
    }
    return packages;
  }

  private static Set<String> rows() throws IOException {
    Set<String> rows = new TreeSet<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("| Package (`io.serversidesync.runner.…`)")) {
        inTable = true;
        continue;
      }
      if (inTable && !line.startsWith("|")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (inTable && row.find()) {
        Matcher name = NAME.matcher(row.group(1));
        while (name.find()) {
          rows.add(name.group(1));
        }
      }
    }
    assertThat(rows).as("the package table in docs/runner.md").isNotEmpty();
    return rows;
  }
}
