package io.serversidesync.runner.destination.salesforce.parent;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.salesforce.convert.EncodedRecord;
import io.serversidesync.runner.destination.salesforce.convert.RecordEncoder;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the encoder puts a lookup set by the parent's external id into a record. */
class ParentWireFormsTest {

  private static FieldDescription text(String name) {
    return new FieldDescription(
        name, name, "string", 255, true, true, true, true, true, true, null);
  }

  private static final ParentField ACCOUNT =
      new ParentField("AccountId", "Account", "Account", text("Account_Ref__c"), false);
  private static final ObjectDescription CONTACT =
      ObjectDescription.of("Contact", List.of(text("Customer_Ref__c"), text("LastName")));
  private static final RecordEncoder ENCODER =
      new RecordEncoder(CONTACT, "Customer_Ref__c", Map.of("accountid", ACCOUNT));

  private static EncodedRecord encode(Object accountRef) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("Customer_Ref__c", "C-1");
    fields.put("AccountId", accountRef);
    return ENCODER.encode(0, new DestinationRecord("C-1", fields)).record();
  }

  @Test
  void aParentKeyGoesUnderTheRelationshipName() {
    EncodedRecord record = encode("A-17");
    assertThat(record.fields()).doesNotContainKey("AccountId");
    assertThat(record.fields().get("Account")).isEqualTo(new ParentValue(ACCOUNT, "A-17"));
  }

  @Test
  void nullAndEmptyTextClearTheLookupByItsFieldName() {
    assertThat(encode(null).fields()).containsEntry("AccountId", new ClearedLookup(ACCOUNT));
    assertThat(encode("").fields()).containsEntry("AccountId", new ClearedLookup(ACCOUNT));
    assertThat(encode(null).fields()).doesNotContainKey("Account");
  }
}
