package io.serversidesync.sandbox.bulk;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.values.IncomingValues;
import io.serversidesync.sandbox.values.ValueMismatchException;
import io.serversidesync.sandbox.write.ParentReference;
import io.serversidesync.sandbox.write.RecordError;
import io.serversidesync.sandbox.write.RecordInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a CSV row into a record: empty cells leave a field unchanged, {@code #N/A} nulls it. */
final class CsvRows {
  static final String NULL_VALUE = "#N/A";

  private CsvRows() {}

  static RecordInput toInput(List<CsvColumn> columns, String[] row) {
    if (row.length > columns.size()) {
      return RecordInput.failed(
          RecordError.of(
              "INVALID_FIELD",
              "The row has " + row.length + " columns but the header has " + columns.size()));
    }
    Map<FieldDef, Object> values = new LinkedHashMap<>();
    Map<FieldDef, ParentReference> parents = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      String cell = row[i];
      if (cell == null || cell.isEmpty()) {
        continue;
      }
      if (columns.get(i) instanceof CsvColumn.Parent p) {
        // #N/A is not special here: clearing goes through the lookup field's own column.
        parents.merge(p.lookup(), reference(p, cell), CsvRows::both);
        continue;
      }
      FieldDef f = ((CsvColumn.Field) columns.get(i)).field();
      if (cell.equals(NULL_VALUE)) {
        values.put(f, f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null);
        continue;
      }
      try {
        values.put(f, IncomingValues.fromText(f, cell));
      } catch (ValueMismatchException e) {
        return RecordInput.failed(
            RecordError.of(
                "INVALID_TYPE_ON_FIELD_IN_RECORD",
                f.label() + ": value not of required type: " + cell,
                f.name()));
      }
    }
    return RecordInput.of(values, parents);
  }

  private static ParentReference reference(CsvColumn.Parent p, String cell) {
    return ParentReference.nested(
        p.lookup(), Optional.of(p.parentObject()), List.of(p.keyField().name()), cell);
  }

  /** Two columns naming keys of one parent (Account.Ref__c and Account.Id): one too many. */
  private static ParentReference both(ParentReference a, ParentReference b) {
    List<String> fields = new ArrayList<>(a.keyFields());
    fields.addAll(b.keyFields());
    return ParentReference.nested(a.lookup(), a.type(), fields, b.keyText());
  }
}
