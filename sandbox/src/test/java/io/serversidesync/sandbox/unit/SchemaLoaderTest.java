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

  @Test
  void referenceToIsOneObjectOrAListAndNamesTheRelationship() {
    Schema s =
        load(
            """
            objects:
              - name: Visit__c
                keyPrefix: a05
                fields:
                  - {name: Customer__c, type: lookup, referenceTo: Account}
                  - {name: Guest__c, type: reference, referenceTo: [Contact, Lead]}
                  - {name: HostId, type: reference, referenceTo: [Contact]}
                  - {name: Plain, type: reference, referenceTo: Contact}
            """);
    ObjectDef visit = s.object("Visit__c").orElseThrow();
    FieldDef customer = visit.field("Customer__c").orElseThrow();
    assertThat(customer.referenceTo()).containsExactly("Account");
    assertThat(customer.polymorphic()).isFalse();
    assertThat(customer.relationshipName()).contains("Customer__r");
    FieldDef guest = visit.field("Guest__c").orElseThrow();
    assertThat(guest.referenceTo()).containsExactly("Contact", "Lead");
    assertThat(guest.polymorphic()).isTrue();
    assertThat(guest.target("lead")).contains("Lead");
    assertThat(guest.target("Account")).isEmpty();
    assertThat(visit.relationship("guest__r")).contains(guest);
    assertThat(visit.relationship("Host").map(FieldDef::name)).contains("HostId");
    assertThat(visit.field("Plain").orElseThrow().relationshipName())
        .as("neither Id nor __c at the end: not usable by external id")
        .isEmpty();

    Schema defaults = s;
    FieldDef who = defaults.object("Task").orElseThrow().relationship("Who").orElseThrow();
    assertThat(who.name()).isEqualTo("WhoId");
    assertThat(who.referenceTo()).containsExactly("Contact", "Lead");
    assertThat(defaults.object("Lead").orElseThrow().keyPrefix()).isEqualTo("00Q");
    assertThat(defaults.object("Task").orElseThrow().keyPrefix()).isEqualTo("00T");

    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: R__c, type: reference, referenceTo: []}]}\n"))
        .hasMessageContaining("needs referenceTo");
    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: R__c, type: reference, referenceTo: [Account, account]}]}\n"))
        .hasMessageContaining("blank or repeated object in referenceTo");
    assertThatThrownBy(
            () ->
                load(
                    "objects:\n  - {name: X__c, keyPrefix: a01, fields: [{name: OwnerId, type: reference, referenceTo: Contact}, {name: Owner, type: string}]}\n"))
        .hasMessageContaining(
            "the relationship name Owner of lookup OwnerId is also the name of a field");
  }
}
