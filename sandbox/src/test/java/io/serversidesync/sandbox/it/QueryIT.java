package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.V;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class QueryIT extends SandboxTestBase {

  private void upsert(int from, int to) {
    for (int start = from; start < to; start += 200) {
      List<String> records = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + 200); i++) {
        records.add("\"Customer_Ref__c\":\"C-" + i + "\",\"LastName\":\"L" + i + "\"");
      }
      assertThat(
              client
                  .patch(UPSERT_CONTACTS, contacts(false, records.toArray(String[]::new)))
                  .status())
          .isEqualTo(200);
    }
  }

  private Client.Reply query(String soql, int batchSize) {
    return client.get(
        V + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8),
        "Sforce-Query-Options",
        "batchSize=" + batchSize);
  }

  @Test
  void pagesWithNextRecordsUrlAndTieBreaksRecordsSharingOneSystemModstamp() {
    sandbox.clock().freezeAt(Instant.parse("2026-01-01T10:00:00Z"));
    upsert(0, 450);
    sandbox.clock().freezeAt(Instant.parse("2026-01-01T10:00:01Z"));
    upsert(450, 500);

    // The incremental poll a two-way sync makes: page size 200 through 450 records of one stamp.
    String stamp = "2026-01-01T10:00:00Z";
    String lastId = "000000000000000";
    Set<String> seen = new HashSet<>();
    int pages = 0;
    while (true) {
      String soql =
          "SELECT Id, Customer_Ref__c, SystemModstamp FROM Contact WHERE SystemModstamp > "
              + stamp
              + " OR (SystemModstamp = "
              + stamp
              + " AND Id > '"
              + lastId
              + "')"
              + " ORDER BY SystemModstamp, Id LIMIT 200";
      JsonNode page = query(soql, 200).json();
      pages++;
      if (page.get("records").isEmpty()) {
        break;
      }
      for (JsonNode r : page.get("records")) {
        assertThat(seen.add(r.get("Id").asText())).isTrue();
        lastId = r.get("Id").asText();
        stamp = r.get("SystemModstamp").asText().replace(".000+0000", "Z");
      }
    }
    assertThat(seen).hasSize(500);
    assertThat(pages).isEqualTo(4);

    // One query, paged by the server.
    Client.Reply first =
        query(
            "SELECT Id FROM Contact WHERE SystemModstamp >= 2026-01-01T10:00:00.000+0000 ORDER BY SystemModstamp",
            200);
    JsonNode body = first.json();
    assertThat(body.get("totalSize").asInt()).isEqualTo(500);
    assertThat(body.get("done").asBoolean()).isFalse();
    assertThat(body.get("records")).hasSize(200);
    String next = body.get("nextRecordsUrl").asText();
    assertThat(next).matches("/services/data/v64\\.0/query/01g[0-9A-Za-z]{15}-200");
    Set<String> ids = new HashSet<>();
    body.get("records").forEach(r -> ids.add(r.get("Id").asText()));
    while (!body.get("done").asBoolean()) {
      body = client.get(body.get("nextRecordsUrl").asText()).json();
      body.get("records").forEach(r -> ids.add(r.get("Id").asText()));
    }
    assertThat(ids).hasSize(500);
    assertThat(sandbox.stats().calls("query.more")).isEqualTo(2);
  }

  @Test
  void selectsFieldsInOrderWithAttributesAndRendersTypes() {
    client.patch(
        UPSERT_CONTACTS,
        contacts(
            false,
            "\"Customer_Ref__c\":\"C-1\",\"LastName\":\"O'Neil\",\"Birthdate\":\"1980-05-06\",\"HasOptedOutOfEmail\":true"));
    client.patch(
        UPSERT_CONTACTS, contacts(false, "\"Customer_Ref__c\":\"C-2\",\"LastName\":\"Other\""));
    JsonNode body =
        query(
                "select lastname, Birthdate, HasOptedOutOfEmail, Id from contact where LastName = 'o\\'neil'",
                2000)
            .json();
    assertThat(body.get("totalSize").asInt()).isEqualTo(1);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.has("nextRecordsUrl")).isFalse();
    JsonNode r = body.get("records").get(0);
    List<String> names = new ArrayList<>();
    r.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly("attributes", "LastName", "Birthdate", "HasOptedOutOfEmail", "Id");
    assertThat(r.get("attributes").get("type").asText()).isEqualTo("Contact");
    assertThat(r.get("Birthdate").asText()).isEqualTo("1980-05-06");
    assertThat(r.get("HasOptedOutOfEmail").asBoolean()).isTrue();
    assertThat(query("SELECT COUNT() FROM Contact", 2000).json().get("totalSize").asInt())
        .isEqualTo(2);
    assertThat(
            query("SELECT Id FROM Contact WHERE Customer_Ref__c IN ('C-2','C-9') LIMIT 5", 2000)
                .json()
                .get("totalSize")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void badQueriesGetSalesforceErrorCodes() {
    Client.Reply malformed = query("SELECT Id FROM Contact GROUP BY LastName", 2000);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    assertThat(malformed.json().get(0).get("message").asText())
        .contains("ERROR at Row:1:Column:24")
        .contains("unexpected token: 'GROUP'");

    Client.Reply field = query("SELECT Id, Nope FROM Contact", 2000);
    assertThat(field.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    assertThat(field.json().get(0).get("message").asText())
        .contains("No such column 'Nope' on entity 'Contact'");

    Client.Reply type = query("SELECT Id FROM Opportunity", 2000);
    assertThat(type.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");

    Client.Reply quoted =
        query("SELECT Id FROM Contact WHERE SystemModstamp > '2026-01-01T00:00:00Z'", 2000);
    assertThat(quoted.json().get(0).get("message").asText())
        .contains(
            "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes");

    Client.Reply locator = client.get(V + "/query/01g000000000000AAA-200");
    assertThat(locator.status()).isEqualTo(400);
    assertThat(locator.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
  }
}
