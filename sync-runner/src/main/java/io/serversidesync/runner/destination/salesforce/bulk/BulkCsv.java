package io.serversidesync.runner.destination.salesforce.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * One column: the record's key for it and its header, which differ for a lookup set by the
   * parent's external id (key Account, header Account.Account_Ref__c).
   */
  record Column(String key, String header) {}

  private final List<Column> columns;
  private final ObjectWriter rowWriter;

  BulkCsv(List<Column> columns) {
    this.columns = List.copyOf(columns);
    CsvSchema.Builder schema = CsvSchema.builder().setLineSeparator("\n");
    columns.forEach(c -> schema.addColumn(c.header()));
    this.rowWriter = MAPPER.writerFor(String[].class).with(schema.build().withoutHeader());
  }

  /** A CSV whose headers are the record keys. */
  static BulkCsv plain(List<String> keys) {
    return new BulkCsv(keys.stream().map(k -> new Column(k, k)).toList());
  }

  List<Column> columns() {
    return columns;
  }

  /** The header line. */
  byte[] header() {
    return row(columns.stream().map(Column::header).toArray(String[]::new));
  }

  /** One record's line. */
  byte[] row(Map<String, Object> fields) {
    String[] cells = new String[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      String key = columns.get(i).key();
      cells[i] = fields.containsKey(key) ? cell(fields.get(key)) : "";
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

  /** A wire value (null, String, Boolean, Long, BigDecimal, a lookup) as a cell. */
  static String cell(Object value) {
    if (value == null || value instanceof ClearedLookup) {
      return NULL;
    }
    if (value instanceof ParentValue parent) {
      return cell(parent.key());
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

  /** The columns for a batch: the external-id field, then every other field in order seen. */
  static List<Column> columnsOf(String externalIdField, List<Map<String, Object>> records) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(externalIdField, externalIdField);
    for (Map<String, Object> fields : records) {
      fields.forEach(
          (key, value) ->
              headers.putIfAbsent(
                  key, value instanceof ParentValue p ? p.field().bulkHeader() : key));
    }
    List<Column> columns = new ArrayList<>();
    headers.forEach((key, header) -> columns.add(new Column(key, header)));
    return columns;
  }
}
