package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.Sandbox;
import java.util.Map;

/** Parents and children for the lookup tests, written and read the way a client would. */
final class Lookups {
  private Lookups() {}

  /** Upserts an Account by Account_Ref__c and returns its Id. */
  static String account(Client client, String ref) {
    return upsert(client, "Account", "Account_Ref__c", ref, "{\"Name\":\"Account " + ref + "\"}");
  }

  /** Upserts a Contact by Customer_Ref__c and returns its Id. */
  static String contact(Client client, String ref) {
    return upsert(
        client, "Contact", "Customer_Ref__c", ref, "{\"LastName\":\"Contact " + ref + "\"}");
  }

  /** Upserts a Lead by Lead_Ref__c and returns its Id. */
  static String lead(Client client, String ref) {
    return upsert(client, "Lead", "Lead_Ref__c", ref, "{\"LastName\":\"Lead " + ref + "\"}");
  }

  static String upsert(Client client, String object, String field, String ref, String json) {
    Client.Reply r = client.patch(V + "/sobjects/" + object + "/" + field + "/" + ref, json);
    assertThat(r.status()).as(r.text()).isIn(200, 201);
    return r.json().get("id").asText();
  }

  /** The stored record of an object whose external-id field has this value. */
  static Map<String, Object> record(Sandbox sandbox, String object, String field, String ref) {
    return sandbox.records(object).stream()
        .filter(r -> ref.equals(r.get(field)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + object + " with " + field + " " + ref));
  }

  static Object accountIdOf(Sandbox sandbox, String contactRef) {
    return record(sandbox, "Contact", "Customer_Ref__c", contactRef).get("AccountId");
  }

  /** A collection result's first error: {@code CODE|message|["Field"]}. */
  static String resultError(JsonNode result) {
    JsonNode e = result.get("errors").get(0);
    return e.get("statusCode").asText() + "|" + e.get("message").asText() + "|" + e.get("fields");
  }

  /** A single-record call's 400 answer: {@code CODE|message|["Field"]}. */
  static String replyError(Client.Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    JsonNode e = reply.json().get(0);
    return e.get("errorCode").asText() + "|" + e.get("message").asText() + "|" + e.get("fields");
  }
}
