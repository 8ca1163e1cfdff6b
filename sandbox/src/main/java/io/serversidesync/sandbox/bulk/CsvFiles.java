package io.serversidesync.sandbox.bulk;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streaming CSV reading and writing with RFC 4180 quoting and a chosen delimiter. */
final class CsvFiles {
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  private CsvFiles() {}

  static MappingIterator<String[]> read(Path file, char delimiter) throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"');
    return MAPPER
        .readerFor(String[].class)
        .with(schema)
        .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }

  static SequenceWriter write(Path file, char delimiter) throws IOException {
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withColumnSeparator(delimiter)
            .withQuoteChar('"')
            .withLineSeparator("\n");
    return MAPPER
        .writerFor(String[].class)
        .with(schema)
        .writeValues(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /** The line ending of the first line: "CRLF", "LF", or null when the file has a single line. */
  static String firstLineEnding(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int previous = -1;
      boolean quoted = false;
      int b;
      while ((b = in.read()) != -1) {
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          return previous == '\r' ? "CRLF" : "LF";
        }
        previous = b;
      }
      return null;
    }
  }
}
