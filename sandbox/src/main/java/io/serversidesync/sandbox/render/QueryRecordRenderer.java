package io.serversidesync.sandbox.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.schema.Fields;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.soql.QueryRow;
import io.serversidesync.sandbox.soql.SelectItem;
import io.serversidesync.sandbox.values.ValueRenderer;
import java.util.List;
import java.util.Map;

/**
 * A query answer's record: the selected fields in SELECT order, and each parent selected through a
 * relationship as one nested record at the place of its first field ({@code "Account":
 * {"attributes": {...}, "Account_Ref__c": "A-17"}}), or null when the lookup is empty.
 */
public final class QueryRecordRenderer {
  private QueryRecordRenderer() {}

  public static ObjectNode record(
      ObjectDef object, QueryRow row, List<SelectItem> select, String basePath) {
    ObjectNode node = attributed(object, row.values(), basePath);
    for (SelectItem item : select) {
      if (item instanceof SelectItem.Column c) {
        node.set(
            c.field().name(), ValueRenderer.toJson(c.field(), row.values().get(c.field().name())));
        continue;
      }
      SelectItem.ParentColumn p = (SelectItem.ParentColumn) item;
      String rel = p.relationshipName();
      if (node.has(rel)) {
        continue;
      }
      Map<String, Object> parent = row.parents().get(rel);
      if (parent == null) {
        node.putNull(rel);
        continue;
      }
      ObjectNode nested = attributed(p.parent(), parent, basePath);
      for (SelectItem other : select) {
        if (other instanceof SelectItem.ParentColumn o && o.lookup().equals(p.lookup())) {
          nested.set(
              o.field().name(), ValueRenderer.toJson(o.field(), parent.get(o.field().name())));
        }
      }
      node.set(rel, nested);
    }
    return node;
  }

  private static ObjectNode attributed(
      ObjectDef object, Map<String, Object> values, String basePath) {
    ObjectNode node = Json.object();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("type", object.name());
    attributes.put("url", basePath + "/sobjects/" + object.name() + "/" + values.get(Fields.ID));
    return node;
  }
}
