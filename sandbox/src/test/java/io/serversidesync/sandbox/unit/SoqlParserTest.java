package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.sandbox.schema.DefaultSchema;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.soql.SelectItem;
import io.serversidesync.sandbox.soql.SoqlException;
import io.serversidesync.sandbox.soql.SoqlParser;
import io.serversidesync.sandbox.soql.SoqlQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlParserTest {
  static final Schema SCHEMA = DefaultSchema.create();

  private static Map<String, Object> contact(String id, String lastName, String stamp) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Id", id);
    r.put("LastName", lastName);
    r.put("Email", null);
    r.put("SystemModstamp", Instant.parse(stamp));
    return r;
  }

  private static final List<Map<String, Object>> ROWS =
      List.of(
          contact("003000000000003AAA", "Cho", "2026-01-01T00:00:02Z"),
          contact("003000000000001AAA", "alpha", "2026-01-01T00:00:01Z"),
          contact("003000000000002AAA", "Beta", "2026-01-01T00:00:01Z"));

  private static List<Object> run(String soql, String field) throws SoqlException {
    SoqlQuery q = SoqlParser.parse(soql, SCHEMA);
    List<Object> out = new ArrayList<>();
    q.run(ROWS).forEach(r -> out.add(r.get(field)));
    return out;
  }

  @Test
  void ordersByStampThenIdAndFiltersWithOffsetsAndOr() throws SoqlException {
    assertThat(run("SELECT Id FROM Contact ORDER BY SystemModstamp, Id", "Id"))
        .containsExactly("003000000000001AAA", "003000000000002AAA", "003000000000003AAA");
    assertThat(
            run(
                "SELECT Id FROM Contact WHERE SystemModstamp > 2026-01-01T01:00:01+01:00 OR (SystemModstamp = 2026-01-01T00:00:01.000+0000 AND Id > '003000000000001') ORDER BY SystemModstamp ASC, Id",
                "Id"))
        .containsExactly("003000000000002AAA", "003000000000003AAA");
    assertThat(run("select lastname from contact order by lastname desc limit 2", "LastName"))
        .containsExactly("Cho", "Beta");
    assertThat(run("SELECT Id FROM Contact WHERE LastName = 'ALPHA'", "LastName"))
        .containsExactly("alpha");
    assertThat(run("SELECT Id FROM Contact WHERE LastName LIKE 'b%'", "LastName"))
        .containsExactly("Beta");
    assertThat(run("SELECT Id FROM Contact WHERE LastName = '\\u0043h\\o'", "LastName"))
        .as("unicode and plain backslash escapes")
        .containsExactly("Cho");
    assertThat(run("SELECT Id FROM Contact WHERE NOT LastName IN ('Beta', 'Cho')", "LastName"))
        .containsExactly("alpha");
    assertThat(
            run(
                "SELECT Id FROM Contact WHERE Email = null AND LastName != 'Cho' ORDER BY LastName NULLS LAST OFFSET 1",
                "LastName"))
        .containsExactly("Beta");
  }

  @Test
  void rejectsWhatTheSubsetDoesNotCoverWithSalesforceCodes() {
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Contact GROUP BY Id", SCHEMA))
        .isInstanceOf(SoqlException.class)
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(
            () -> SoqlParser.parse("SELECT Id FROM Contact WHERE Account.Name = 'x'", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Account.Owner.Name FROM Contact", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(
            () -> SoqlParser.parse("SELECT Id FROM Contact WHERE CreatedDate > TODAY", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(
            () -> SoqlParser.parse("SELECT Id FROM Contact WHERE LastName = 'open", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(
            () ->
                SoqlParser.parse(
                    "SELECT Id FROM Contact WHERE Birthdate > 2020-01-01T00:00:00Z", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("INVALID_FIELD"))
        .hasMessageContaining("must be of type date");
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Contacts", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("INVALID_TYPE"))
        .hasMessageContaining("sObject type 'Contacts' is not supported");
  }

  @Test
  void selectsParentFieldsOneLevelUpThroughANonPolymorphicLookup() throws SoqlException {
    SoqlQuery q =
        SoqlParser.parse(
            "SELECT Id, account.account_ref__c, Account.Name, Account.Account_Ref__c FROM Contact",
            SCHEMA);
    assertThat(q.select()).hasSize(3);
    SelectItem.ParentColumn ref = (SelectItem.ParentColumn) q.select().get(1);
    assertThat(ref.relationshipName()).isEqualTo("Account");
    assertThat(ref.lookup().name()).isEqualTo("AccountId");
    assertThat(ref.parent().name()).isEqualTo("Account");
    assertThat(ref.field().name()).as("declared spelling").isEqualTo("Account_Ref__c");

    assertThatThrownBy(() -> SoqlParser.parse("SELECT Acount.Name FROM Contact", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("INVALID_FIELD"))
        .hasMessageContaining("Didn't understand relationship 'Acount' in field path")
        .hasMessageContaining("ERROR at Row:1:Column:8");
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Account.Nope__c FROM Contact", SCHEMA))
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("INVALID_FIELD"))
        .hasMessageContaining("No such column 'Nope__c' on entity 'Account'");
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Who.Customer_Ref__c FROM Task", SCHEMA))
        .as("a polymorphic parent is read through the Name entity")
        .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo("INVALID_FIELD"))
        .hasMessageContaining("No such column 'Customer_Ref__c' on entity 'Name'");
    assertThat(SoqlParser.parse("SELECT What.Account_Ref__c FROM Task", SCHEMA).select())
        .hasSize(1);
  }
}
