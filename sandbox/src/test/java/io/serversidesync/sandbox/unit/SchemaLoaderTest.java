package io.serversidesync.sandbox.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.sandbox.schema.FieldDef;
import io.serversidesync.sandbox.schema.FieldType;
import io.serversidesync.sandbox.schema.ObjectDef;
import io.serversidesync.sandbox.schema.Schema;
import io.serversidesync.sandbox.schema.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaLoaderTest {

  private static Schema load(String yaml) {
    return SchemaLoader.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "objects.yaml");
  }

  @Test
  void readsObjectsWithDefaultsAndKeepsContactAndAccount() {
    Schema s =
        load(
            """
            objects:
              - name: Invoice__c
                keyPrefix: a03
                fields:
                  - {name: Number__c, type: string, length: 30, externalId: true, unique: true, caseSensitive: true}
                  - {name: Amount__c, type: currency, precision: 16, scale: 2, required: true}
                  - {name: Customer__c, type: lookup, referenceTo: Account}
                  - {name: Notes__c, type: textarea}
            """);
    ObjectDef invoice = s.object("invoice__c").orElseThrow();
    assertThat(invoice.keyPrefix()).isEqualTo("a03");
    assertThat(invoice.labelPlural()).isEqualTo("Invoice__cs");
    FieldDef number = invoice.field("Number__c").orElseThrow();
    assertThat(number.label()).isEqualTo("Number");
    assertThat(number.externalId()).isTrue();
    assertThat(number.indexKey("AbC")).isEqualTo("AbC");
    assertThat(invoice.field("Amount__c").orElseThrow().required()).isTrue();
    assertThat(invoice.field("Customer__c").orElseThrow().type()).isEqualTo(FieldType.REFERENCE);
    assertThat(invoice.field("Notes__c").orElseThrow().length()).isEqualTo(255);
    assertThat(invoice.field("Id")).isPresent();
    assertThat(s.object("Contact")).isPresent();
    assertThat(s.objectByKeyPrefix("001").map(ObjectDef::name)).contains("Account");
  }

  @Test
  void inconsistentDeclarationsFailWithAMessageSayingWhatToFix() {
    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: A__c, type: blob}]}\n"))
        .hasMessageContaining("X__c.A__c: unknown field type 'blob'");
    assertThatThrownBy(() -> load("objects:\n  - {name: X__c, keyPrefix: '003', fields: []}\n"))
        .hasMessageContaining("share keyPrefix 003");
    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: SystemModstamp, type: datetime}]}\n"))
        .hasMessageContaining("is a system field");
    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: R__c, type: reference}]}\n"))
        .hasMessageContaining("needs referenceTo");
    assertThatThrownBy(
            () -> load("objects:\n  - {name: X__c, keyPrefix: a01, colour: red, fields: []}\n"))
        .hasMessageContaining("is not a valid objects declaration");
    assertThatThrownBy(() -> load("includeDefaults: false\n"))
        .hasMessageContaining("declares no 'objects' list");
  }
}
