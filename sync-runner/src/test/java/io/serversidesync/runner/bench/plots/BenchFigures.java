package io.serversidesync.runner.bench.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one benchmark group: its {@code BENCH <name> <value> <unit>} lines, as {@code
 * scripts/bench.sh} collects them into {@code target/bench/<group>.txt}. Lines of any other kind,
 * and figures whose value is not a number, are left out.
 */
final class BenchFigures {

  private final Map<String, Figure> figures;

  private BenchFigures(Map<String, Figure> figures) {
    this.figures = figures;
  }

  static BenchFigures read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  static BenchFigures parse(List<String> lines) {
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.strip().split("\\s+", 4);
      if (f.length < 3 || !f[0].equals("BENCH")) {
        continue;
      }
      try {
        double value = Double.parseDouble(f[2]);
        figures.put(f[1], new Figure(f[1], value, f.length > 3 ? f[3] : ""));
      } catch (NumberFormatException notANumber) {
        // a figure that is not a number is not plotted
      }
    }
    return new BenchFigures(figures);
  }

  Optional<Figure> figure(String name) {
    return Optional.ofNullable(figures.get(name));
  }

  /** The figure's value; a figure the plot needs and the run did not print is an error. */
  double value(String name) {
    return require(name).value();
  }

  Figure require(String name) {
    Figure f = figures.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no BENCH " + name + " among " + figures.keySet());
    }
    return f;
  }

  /** One figure: {@code unit} is the rest of its line, e.g. {@code ms (target <= 1250)}. */
  record Figure(String name, double value, String unit) {

    /** What the unit says in its parentheses ({@code target <= 1250}), or "" when nothing. */
    String note() {
      int open = unit.indexOf('(');
      int close = unit.lastIndexOf(')');
      return open >= 0 && close > open ? unit.substring(open + 1, close).strip() : "";
    }
  }
}
