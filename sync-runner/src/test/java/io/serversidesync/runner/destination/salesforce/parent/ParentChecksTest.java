package io.serversidesync.runner.destination.salesforce.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.describe.LookupDescription;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import io.serversidesync.runner.destination.salesforce.describe.ObjectDescription;
import io.serversidesync.runner.destination.salesforce.describe.ParentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preflight of lookups set by the parent's external id, against describe answers. */
class ParentChecksTest {

  private static FieldDescription text(String name, boolean externalId) {
    return new FieldDescription(
        name, name, "string", 255, true, true, true, externalId, externalId, externalId, null);
  }

  private static FieldDescription lookup(
      String name, String relationship, boolean polymorphic, String... targets) {
    return new FieldDescription(
        name,
        name,
        "reference",
        18,
        true,
        true,
        true,
        false,
        false,
        false,
        new LookupDescription(List.of(targets), relationship, polymorphic));
  }

  private static final ObjectDescription CONTACT =
      ObjectDescription.of(
          "Contact",
          List.of(
              text("Customer_Ref__c", true),
              text("Email", false),
              lookup("AccountId", "Account", false, "Account"),
              lookup("MasterRecordId", null, false, "Contact")));
  private static final ObjectDescription TASK =
      ObjectDescription.of(
          "Task",
          List.of(text("Task_Ref__c", true), lookup("WhoId", "Who", true, "Contact", "Lead")));
  private static final Map<String, ObjectDescription> PARENTS =
      Map.of(
          "Account",
          ObjectDescription.of(
              "Account", List.of(text("Account_Ref__c", true), text("Name", false))),
          "Contact",
          CONTACT);

  private final List<String> described = new ArrayList<>();

  private Map<String, ParentField> resolve(ObjectDescription child, MappedField... fields)
      throws DestinationException {
    return ParentChecks.resolve(
        child,
        List.of(fields),
        (object, path) -> {
          described.add(object);
          return PARENTS.get(object);
        });
  }

  private static MappedField ref(String field, String object, String key) {
    return new MappedField(
        "spec.mapping[3].field", field, new ParentRef("spec.mapping[3].reference", object, key));
  }

  private String problem(ObjectDescription child, MappedField field) {
    return catchThrowableOfType(DestinationException.class, () -> resolve(child, field))
        .getMessage();
  }

  @Test
  void aLookupToTheNamedObjectByItsExternalIdResolvesToItsRelationship() throws Exception {
    Map<String, ParentField> parents =
        resolve(CONTACT, ref("AccountId", "account", "Account_Ref__c"));
    ParentField account = parents.get("accountid");
    assertThat(account.relationshipName()).isEqualTo("Account");
    assertThat(account.parentObject()).isEqualTo("Account");
    assertThat(account.bulkHeader()).isEqualTo("Account.Account_Ref__c");
    assertThat(account.soqlPath()).isEqualTo("Account.Account_Ref__c");
    assertThat(account.polymorphic()).isFalse();
    assertThat(described).containsExactly("Account");
  }

  @Test
  void aPolymorphicLookupTakesTheNamedTypeAndPutsItFirstInTheBulkHeader() throws Exception {
    ParentField who = resolve(TASK, ref("WhoId", "Contact", "Customer_Ref__c")).get("whoid");
    assertThat(who.polymorphic()).isTrue();
    assertThat(who.bulkHeader()).isEqualTo("Contact:Who.Customer_Ref__c");
  }

  @Test
  void aFieldThatIsNotALookupIsNamedWithTheFix() {
    assertThat(problem(CONTACT, ref("Email", "Account", "Account_Ref__c")))
        .isEqualTo(
            "spec.mapping[3].field: Contact.Email is a string field, not a lookup; a reference"
                + " sets a lookup field such as AccountId or Parent__c (remove reference to write"
                + " the column as it is)");
    assertThat(problem(CONTACT, ref("MasterRecordId", "Contact", "Customer_Ref__c")))
        .contains("has no relationship name, so Salesforce cannot set it by the parent's");
  }

  @Test
  void aWrongObjectNamesTheOneTheLookupPointsTo() {
    assertThat(problem(CONTACT, ref("AccountId", "Acount", "Account_Ref__c")))
        .isEqualTo(
            "spec.mapping[3].reference.object: Contact.AccountId points to Account, not Acount;"
                + " set object: Account");
    assertThat(problem(TASK, ref("WhoId", "Account", "Account_Ref__c")))
        .contains("Task.WhoId points to one of Contact, Lead, not Account; name the one type");
  }

  @Test
  void aParentFieldThatIsNotAnExternalIdOrIsMissingIsNamed() {
    assertThat(problem(CONTACT, ref("AccountId", "Account", "Name")))
        .isEqualTo(
            "spec.mapping[3].reference.externalIdField: Account.Name is not an External ID field,"
                + " so Salesforce cannot find the parent by it; in Setup mark it External ID (and"
                + " Unique), or name the parent's External ID field");
    assertThat(problem(CONTACT, ref("AccountId", "Account", "Account_Ref_c")))
        .isEqualTo(
            "spec.mapping[3].reference.externalIdField: Salesforce object Account has no field"
                + " Account_Ref_c (did you mean Account_Ref__c?)");
  }
}
