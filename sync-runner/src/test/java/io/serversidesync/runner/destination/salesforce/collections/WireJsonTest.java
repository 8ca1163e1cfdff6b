package io.serversidesync.runner.destination.salesforce.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The JSON of lookups set by the parent's external id, as sObject Collections receive it. */
class WireJsonTest {

  private static FieldDescription key(String name) {
    return new FieldDescription(
        name, name, "string", 255, true, true, true, true, true, true, null);
  }

  private static String json(Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = WireJson.MAPPER.createGenerator(out)) {
      WireJson.write(json, value);
    }
    return out.toString();
  }

  @Test
  void aParentIsANestedObjectWithItsOneKeyField() throws IOException {
    ParentField account =
        new ParentField("AccountId", "Account", "Account", key("Account_Ref__c"), false);
    assertThat(json(account.value("A-17"))).isEqualTo("{\"Account_Ref__c\":\"A-17\"}");
    assertThat(json(new ClearedLookup(account))).isEqualTo("null");
  }

  @Test
  void aPolymorphicParentSaysItsType() throws IOException {
    ParentField who = new ParentField("WhoId", "Who", "Lead", key("Lead_Ref__c"), true);
    assertThat(json(who.value(42L)))
        .isEqualTo("{\"attributes\":{\"type\":\"Lead\"},\"Lead_Ref__c\":42}");
  }
}
