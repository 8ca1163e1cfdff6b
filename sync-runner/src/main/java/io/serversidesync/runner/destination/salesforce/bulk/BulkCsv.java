package io.serversidesync.runner.destination.salesforce.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The CSV of Bulk API 2.0: UTF-8, comma, LF, RFC 4180 quoting ({@code ""} escapes a quote).
 *
 * <p>Cells: a field the record does not carry is an empty cell (Salesforce leaves the field as it
 * is); a null is {@code #N/A} (Salesforce sets the field to null). An empty string is sent as
 * {@code #N/A} too, because an empty cell would leave the old value and Salesforce stores empty
 * text as null anyway.
 */
final class BulkCsv {

  static final String NULL = "#N/A";

  /**
   * Strict quoting quotes only what RFC 4180 needs (separator, quote, line breaks). The lenient
   * default also quotes cells starting with '#', which would turn the {@code #N/A} null marker into
   * a quoted string.
   */
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private static final ObjectReader RESULT_READER =
      MAPPER.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader());

  private final List<String> columns;
  private final ObjectWriter rowWriter;

  BulkCsv(List<String> columns) {
    this.columns = List.copyOf(columns);
    CsvSchema.Builder schema = CsvSchema.builder().setLineSeparator("\n");
    columns.forEach(schema::addColumn);
    this.rowWriter = MAPPER.writerFor(String[].class).with(schema.build().withoutHeader());
  }

  List<String> columns() {
    return columns;
  }

  /** The header line. */
  byte[] header() {
    return row(columns.toArray(String[]::new));
  }

  /** One record's line. */
  byte[] row(Map<String, Object> fields) {
    String[] cells = new String[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      String column = columns.get(i);
      cells[i] = fields.containsKey(column) ? cell(fields.get(column)) : "";
    }
    return row(cells);
  }

  private byte[] row(String[] cells) {
    try {
      return rowWriter.writeValueAsBytes(cells);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing CSV to memory failed", e);
    }
  }

  /** A wire value (null, String, Boolean, Long, BigDecimal) as a cell. */
  static String cell(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    String text = value.toString();
    return text.isEmpty() ? NULL : text;
  }

  /** Reads a result CSV, handing each row (header name → cell) to {@code rows}. */
  static void readResults(InputStream csv, Consumer<Map<String, String>> rows) throws IOException {
    try (MappingIterator<Map<String, String>> it = RESULT_READER.readValues(csv)) {
      while (it.hasNextValue()) {
        rows.accept(it.nextValue());
      }
    }
  }

  /** Concatenates lines into one upload body. */
  static byte[] join(byte[] header, List<byte[]> rows) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(header.length + rows.stream().mapToInt(r -> r.length).sum());
    out.writeBytes(header);
    rows.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** The column list for a batch: the external-id field, then every other field in order seen. */
  static List<String> columnsOf(String externalIdField, List<Map<String, Object>> records) {
    Set<String> columns = new LinkedHashSet<>();
    columns.add(externalIdField);
    records.forEach(fields -> columns.addAll(fields.keySet()));
    return new ArrayList<>(columns);
  }
}
