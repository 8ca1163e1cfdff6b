package io.serversidesync.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serversidesync.sandbox.http.Json;
import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.ObjectDef;

/** The describe call's shapes: global list, basic info, full describe with fields. */
final class DescribeRenderer {
  private DescribeRenderer() {}

  static ObjectNode summary(ObjectDef o, String basePath) {
    ObjectNode n = Json.object();
    n.put("activateable", false);
    n.put("createable", true);
    n.put("custom", o.custom());
    n.put("customSetting", false);
    n.put("deletable", true);
    n.put("keyPrefix", o.keyPrefix());
    n.put("label", o.label());
    n.put("labelPlural", o.labelPlural());
    n.put("layoutable", true);
    n.put("mergeable", false);
    n.put("name", o.name());
    n.put("queryable", true);
    n.put("replicateable", true);
    n.put("retrieveable", true);
    n.put("searchable", true);
    n.put("triggerable", true);
    n.put("undeletable", true);
    n.put("updateable", true);
    ObjectNode urls = n.putObject("urls");
    String base = basePath + "/sobjects/" + o.name();
    urls.put("sobject", base);
    urls.put("describe", base + "/describe");
    urls.put("rowTemplate", base + "/{ID}");
    return n;
  }

  static ObjectNode describe(ObjectDef o, String basePath) {
    ObjectNode n = summary(o, basePath);
    n.putArray("childRelationships");
    n.putArray("recordTypeInfos");
    ArrayNode fields = n.putArray("fields");
    for (FieldDef f : o.fields()) {
      fields.add(field(f));
    }
    return n;
  }

  private static ObjectNode field(FieldDef f) {
    ObjectNode n = Json.object();
    boolean text = f.type().isText() || f.type().isId();
    n.put("autoNumber", false);
    n.put("byteLength", text ? f.length() * 3 : 0);
    n.put("calculated", false);
    n.put("caseSensitive", f.caseSensitive());
    n.put("createable", f.createable() && !f.system());
    n.put("custom", f.custom());
    n.put("defaultedOnCreate", f.system() || f.type() == FieldType.BOOLEAN);
    if (f.type() == FieldType.BOOLEAN) {
      n.put("defaultValue", false);
    } else {
      n.putNull("defaultValue");
    }
    n.put("digits", f.type() == FieldType.INT ? f.precision() : 0);
    n.put("externalId", f.externalId());
    n.put("filterable", true);
    n.put("groupable", f.type() != FieldType.DOUBLE && f.type() != FieldType.CURRENCY);
    n.put("idLookup", f.idLookup());
    n.put("label", f.label());
    n.put("length", text ? f.length() : 0);
    n.put("name", f.name());
    n.put("nameField", false);
    n.put("nillable", f.nillable());
    n.put("precision", f.type().isNumber() && f.type() != FieldType.INT ? f.precision() : 0);
    ArrayNode refs = n.putArray("referenceTo");
    f.referenceTo().forEach(refs::add);
    n.put("relationshipName", f.relationshipName().orElse(null));
    // Lookups without cascade: deleting a parent clears them (master-detail is not modelled).
    n.put("cascadeDelete", false);
    n.put("restrictedDelete", false);
    n.putNull("relationshipOrder");
    n.put("polymorphicForeignKey", f.polymorphic());
    n.put("namePointing", f.polymorphic());
    n.put("scale", f.type().isNumber() ? f.scale() : 0);
    n.put("soapType", f.type().soapType());
    n.put("sortable", true);
    n.put("type", f.type().describeName());
    n.put("unique", f.unique());
    n.put("updateable", f.updateable() && !f.system());
    return n;
  }
}
