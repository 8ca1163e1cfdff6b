package io.serversidesync.sandbox.schema;

import java.util.ArrayList;
import java.util.List;

/** Builders for field declarations and the system fields every object carries. */
public final class Fields {
  public static final String ID = "Id";
  public static final String IS_DELETED = "IsDeleted";
  public static final String CREATED_DATE = "CreatedDate";
  public static final String CREATED_BY_ID = "CreatedById";
  public static final String LAST_MODIFIED_DATE = "LastModifiedDate";
  public static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
  public static final String SYSTEM_MODSTAMP = "SystemModstamp";

  private Fields() {}

  /** The fields Salesforce maintains on every record, in describe order. */
  public static List<FieldDef> systemFields() {
    return List.of(
        system(ID, "Record ID", FieldType.ID, List.of()),
        system(IS_DELETED, "Deleted", FieldType.BOOLEAN, List.of()),
        system(CREATED_DATE, "Created Date", FieldType.DATETIME, List.of()),
        system(CREATED_BY_ID, "Created By ID", FieldType.REFERENCE, List.of("User")),
        system(LAST_MODIFIED_DATE, "Last Modified Date", FieldType.DATETIME, List.of()),
        system(LAST_MODIFIED_BY_ID, "Last Modified By ID", FieldType.REFERENCE, List.of("User")),
        system(SYSTEM_MODSTAMP, "System Modstamp", FieldType.DATETIME, List.of()));
  }

  /** The system fields followed by the declared ones. */
  public static List<FieldDef> withSystemFields(List<FieldDef> declared) {
    List<FieldDef> all = new ArrayList<>(systemFields());
    all.addAll(declared);
    return all;
  }

  private static FieldDef system(String name, String label, FieldType type, List<String> ref) {
    int length = type.isId() ? 18 : 0;
    return new FieldDef(
        name, label, type, length, 0, 0, false, false, false, false, false, false, false, ref,
        true);
  }

  public static FieldDef text(String name, String label, FieldType type, int length) {
    return new FieldDef(
        name,
        label,
        type,
        length,
        0,
        0,
        false,
        false,
        false,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(),
        false);
  }

  public static FieldDef requiredText(String name, String label, int length) {
    return new FieldDef(
        name,
        label,
        FieldType.STRING,
        length,
        0,
        0,
        true,
        false,
        false,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(),
        false);
  }

  /** A unique, case-insensitive external-id text field (Salesforce's default for "Unique"). */
  public static FieldDef externalId(String name, String label, int length) {
    return new FieldDef(
        name,
        label,
        FieldType.STRING,
        length,
        0,
        0,
        false,
        true,
        true,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(),
        false);
  }

  public static FieldDef of(String name, String label, FieldType type) {
    return new FieldDef(
        name,
        label,
        type,
        0,
        0,
        0,
        false,
        false,
        false,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(),
        false);
  }

  public static FieldDef number(
      String name, String label, FieldType type, int precision, int scale) {
    return new FieldDef(
        name,
        label,
        type,
        0,
        precision,
        scale,
        false,
        false,
        false,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(),
        false);
  }

  /** A lookup; more than one target makes it polymorphic. */
  public static FieldDef reference(String name, String label, String... referenceTo) {
    return new FieldDef(
        name,
        label,
        FieldType.REFERENCE,
        18,
        0,
        0,
        false,
        false,
        false,
        false,
        true,
        true,
        name.endsWith("__c"),
        List.of(referenceTo),
        false);
  }
}
