package io.serversidesync.runner.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTest {

  private static Map<String, Object> source() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Customer_Ref__c", "C-1");
    m.put("LastName", "Hopper");
    m.put("Email", null);
    m.put("Score__c", 42L);
    return m;
  }

  @Test
  void keepsTheOrderAndTheNullsItWasGiven() {
    FieldValues fields = FieldValues.copyOf(source());

    assertThat(fields.keySet()).containsExactly("Customer_Ref__c", "LastName", "Email", "Score__c");
    assertThat(fields).containsEntry("Email", null).containsEntry("Score__c", 42L);
    assertThat(fields.containsKey("Email")).isTrue();
    assertThat(fields.containsKey("Phone")).isFalse();
    assertThat(fields.get("Phone")).isNull();
    assertThat(fields).hasSize(4);
  }

  @Test
  void equalsAnyMapWithTheSameEntries() {
    FieldValues fields = FieldValues.copyOf(source());

    assertThat(fields).isEqualTo(new HashMap<>(source()));
    assertThat(fields.hashCode()).isEqualTo(source().hashCode());
    assertThat(fields.toString()).isEqualTo(source().toString());
  }

  @Test
  void isACopyThatCannotBeChanged() {
    Map<String, Object> original = source();
    FieldValues fields = FieldValues.copyOf(original);
    original.put("LastName", "Lovelace");

    assertThat(fields.get("LastName")).isEqualTo("Hopper");
    assertThatThrownBy(() -> fields.put("Phone", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fields.keySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void copyingACopyReturnsIt() {
    FieldValues fields = FieldValues.copyOf(source());

    assertThat(FieldValues.copyOf(fields)).isSameAs(fields);
    assertThat(FieldValues.copyOf(Map.of())).isEmpty();
  }
}
