package io.serversidesync.runner.destination.salesforce.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.RecordOutcome;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {

  private static final ObjectDescription CONTACT =
      ObjectDescription.of(
          "Contact",
          List.of(
              SalesforceWireValuesTest.field("Customer_Ref__c", "string"),
              SalesforceWireValuesTest.field("LastName", "string"),
              SalesforceWireValuesTest.field("Birthdate", "date"),
              SalesforceWireValuesTest.field("Score__c", "double")));

  private final RecordEncoder encoder = new RecordEncoder(CONTACT, "Customer_Ref__c", Map.of());

  @Test
  void putsTheExternalIdFirstAndConvertsEveryValue() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("LastName", "Ng");
    fields.put("Customer_Ref__c", "C-1");
    fields.put("Score__c", "2.5");
    fields.put("Birthdate", null);
    RecordEncoder.Result result = encoder.encode(3, new DestinationRecord("C-1", fields));
    assertThat(result.refused()).isNull();
    assertThat(result.record().index()).isEqualTo(3);
    assertThat(result.record().fields().keySet())
        .containsExactly("Customer_Ref__c", "LastName", "Score__c", "Birthdate");
    assertThat(result.record().fields().get("Score__c")).isEqualTo(new java.math.BigDecimal("2.5"));
    assertThat(result.record().fields()).containsEntry("Birthdate", null);
  }

  @Test
  void aRecordWithoutTheKeyFieldGetsItFromTheExternalId() {
    RecordEncoder.Result result =
        encoder.encode(0, new DestinationRecord("C-9", Map.of("LastName", "Ng")));
    assertThat(result.record().fields()).containsEntry("Customer_Ref__c", "C-9");
    assertThat(encoder.externalIdText(result.record())).isEqualTo("C-9");
  }

  @Test
  void aValueTheFieldCannotTakeRefusesTheRecordWithTheFieldNamed() {
    RecordEncoder.Result result =
        encoder.encode(0, new DestinationRecord("C-1", Map.of("Birthdate", "not a date")));
    assertThat(result.record()).isNull();
    RecordOutcome.Permanent refused = result.refused();
    assertThat(refused.code()).isEqualTo(RecordEncoder.CODE);
    assertThat(refused.fields()).containsExactly("Birthdate");
    assertThat(refused.message()).contains("Birthdate is a date field");
  }

  @Test
  void fieldsTheDescribeDoesNotListGoAsTheyAre() {
    FieldDescription unknown = CONTACT.fieldOrUnknown("Nickname__c");
    assertThat(unknown.type()).isEqualTo("anytype");
    RecordEncoder.Result result =
        encoder.encode(0, new DestinationRecord("C-1", Map.of("Nickname__c", 5L)));
    assertThat(result.record().fields()).containsEntry("Nickname__c", 5L);
  }
}
