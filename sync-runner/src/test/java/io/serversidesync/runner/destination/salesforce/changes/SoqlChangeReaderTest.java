package io.serversidesync.runner.destination.salesforce.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlChangeReaderTest {

  private static FieldDescription field(String name, String type) {
    return new FieldDescription(name, name, type, 0, true, true, true, false, false, false, null);
  }

  private static final ObjectDescription CONTACT =
      ObjectDescription.of(
          "Contact",
          List.of(
              field("Customer_Ref__c", "string"),
              field("Email", "email"),
              field("Birthdate", "date")));

  private final SoqlChangeReader reader =
      new SoqlChangeReader(
          null, CONTACT, "Customer_Ref__c", List.of("Customer_Ref__c", "Email"), Map.of());

  @Test
  void theFirstReadTakesEveryRecordInChangeOrder() {
    assertThat(reader.soql(ChangeCursor.START))
        .isEqualTo(
            "SELECT Id, SystemModstamp, Customer_Ref__c, Email FROM Contact"
                + " ORDER BY SystemModstamp, Id");
  }

  @Test
  void laterReadsStartStrictlyAfterTheMarkWithTheIdBreakingTies() {
    ChangeCursor mark =
        new ChangeCursor(Instant.parse("2026-01-01T10:00:00.000Z"), "003000000000042AAA");
    assertThat(reader.soql(mark))
        .isEqualTo(
            "SELECT Id, SystemModstamp, Customer_Ref__c, Email FROM Contact"
                + " WHERE SystemModstamp > 2026-01-01T10:00:00Z OR (SystemModstamp ="
                + " 2026-01-01T10:00:00Z AND Id > '003000000000042AAA')"
                + " ORDER BY SystemModstamp, Id");
  }

  @Test
  void aLookupSetByItsParentsKeyIsReadAsThatKeyAndAsTheParentsRecordId() {
    SoqlChangeReader lookups =
        new SoqlChangeReader(
            null,
            CONTACT,
            "Customer_Ref__c",
            List.of("Customer_Ref__c", "AccountId"),
            Map.of(
                "accountid",
                new ParentField(
                    "AccountId", "Account", "Account", field("Account_Ref__c", "string"), false)));
    assertThat(lookups.soql(ChangeCursor.START))
        .isEqualTo(
            "SELECT Id, SystemModstamp, Customer_Ref__c, Account.Account_Ref__c, AccountId"
                + " FROM Contact ORDER BY SystemModstamp, Id");
  }

  @Test
  void aLookupWhoseParentHasNoExternalIdIsUnknownRatherThanEmpty() throws Exception {
    SoqlChangeReader lookups =
        new SoqlChangeReader(
            null,
            CONTACT,
            "Customer_Ref__c",
            List.of("Customer_Ref__c", "AccountId"),
            Map.of(
                "accountid",
                new ParentField(
                    "AccountId", "Account", "Account", field("Account_Ref__c", "string"), false)));
    ObjectMapper json = new ObjectMapper();
    String stamp = "\"SystemModstamp\": \"2026-01-01T10:00:00.000+0000\"";
    ChangedRecord withKey =
        lookups.record(
            json.readTree(
                "{\"Id\": \"003A\", "
                    + stamp
                    + ", \"Customer_Ref__c\": \"C1\", \"AccountId\": \"001A\","
                    + " \"Account\": {\"Account_Ref__c\": \"A-1\"}}"));
    assertThat(withKey.fields()).containsEntry("AccountId", "A-1");
    assertThat(withKey.parentIds()).containsEntry("AccountId", "001A");

    ChangedRecord withoutParent =
        lookups.record(
            json.readTree(
                "{\"Id\": \"003B\", "
                    + stamp
                    + ", \"Customer_Ref__c\": \"C2\", \"AccountId\": null,"
                    + " \"Account\": null}"));
    assertThat(withoutParent.fields()).containsEntry("AccountId", null);
    assertThat(withoutParent.parentIds()).containsEntry("AccountId", null);

    // the Account exists but has no Account_Ref__c: NULL would clear the lookup on the way back
    ChangedRecord parentWithoutKey =
        lookups.record(
            json.readTree(
                "{\"Id\": \"003C\", "
                    + stamp
                    + ", \"Customer_Ref__c\": \"C3\", \"AccountId\": \"001C\","
                    + " \"Account\": {\"Account_Ref__c\": null}}"));
    assertThat(parentWithoutKey.fields()).containsOnlyKeys("Customer_Ref__c");
    assertThat(parentWithoutKey.parentIds()).containsEntry("AccountId", "001C");
  }

  @Test
  void valuesAreTypedByTheFieldsDescribeType() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(FieldDecoder.decode(json.readTree("1.5E7"), field("A", "currency")))
        .isEqualTo(new BigDecimal("1.5E7"));
    assertThat(FieldDecoder.decode(json.readTree("3"), field("A", "int"))).isEqualTo(3L);
    assertThat(FieldDecoder.decode(json.readTree("true"), field("A", "boolean"))).isEqualTo(true);
    assertThat(FieldDecoder.decode(json.readTree("\"2024-05-01\""), field("A", "date")))
        .isEqualTo(LocalDate.parse("2024-05-01"));
    assertThat(
            FieldDecoder.decode(
                json.readTree("\"2013-05-20T20:49:32.000+0000\""), field("A", "datetime")))
        .isEqualTo(OffsetDateTime.parse("2013-05-20T20:49:32Z"));
    assertThat(FieldDecoder.decode(json.readTree("null"), field("A", "string"))).isNull();
    assertThat(FieldDecoder.decode(json.readTree("\"x\""), field("A", "email"))).isEqualTo("x");
    // a value not in the promised form passes as text for Postgres to judge
    assertThat(FieldDecoder.decode(json.readTree("\"soon\""), field("A", "date")))
        .isEqualTo("soon");
    assertThat(FieldDecoder.key(json.readTree("7.0"))).isEqualTo("7");
    assertThat(FieldDecoder.key(json.readTree("\"C-1\""))).isEqualTo("C-1");
    assertThat(FieldDecoder.key(json.readTree("null"))).isNull();
  }
}
