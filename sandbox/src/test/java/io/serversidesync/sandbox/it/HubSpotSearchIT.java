package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.HubSpotClient.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HubSpotSearchIT extends HubSpotTestBase {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  /** 25 contacts: five share each second T0, T0+1s, … T0+4s, created in ref order. */
  @BeforeEach
  void contacts() {
    for (int s = 0; s < 5; s++) {
      sandbox.clock().freezeAt(T0.plusSeconds(s));
      for (int i = 0; i < 5; i++) {
        sandbox
            .hubSpot()
            .editAsUser(
                "contacts",
                "customer_ref",
                "C-" + (s * 5 + i),
                Map.of("lastname", "N" + (s * 5 + i), "score", Integer.toString(100 - s)));
      }
    }
    sandbox.clock().advance(Duration.ofHours(1));
  }

  private Client.Reply search(String body) {
    sandbox.clock().advance(Duration.ofSeconds(1)); // stay under 5 searches per second
    return hubspot.post(CONTACTS + "/search", body);
  }

  private static String window(long fromMs, long toMs, int limit, String after) {
    return "{\"filterGroups\":[{\"filters\":["
        + "{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\""
        + fromMs
        + "\"},{\"propertyName\":\"lastmodifieddate\",\"operator\":\"LT\",\"value\":"
        + toMs
        + "}]}],\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}],"
        + "\"properties\":[\"lastname\",\"customer_ref\"],\"limit\":"
        + limit
        + (after == null ? "" : ",\"after\":\"" + after + "\"")
        + "}";
  }

  @Test
  void aWindowIsPagedInAscendingOrderWithTiesByRecordId() {
    long from = T0.plusSeconds(1).toEpochMilli();
    long to = T0.plusSeconds(4).toEpochMilli();
    List<String> refs = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Client.Reply r = search(window(from, to, 4, after));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.get("total").asInt()).isEqualTo(15);
      for (JsonNode rec : body.get("results")) {
        refs.add(rec.get("properties").get("customer_ref").asText());
        assertThat(rec.get("properties").has("hs_object_id")).isTrue();
        assertThat(rec.get("properties").has("createdate")).isTrue();
        assertThat(rec.get("properties").get("lastname").asText()).startsWith("N");
        assertThat(rec.get("archived").asBoolean()).isFalse();
        assertThat(rec.get("updatedAt").asText()).endsWith("Z");
      }
      after = body.has("paging") ? body.get("paging").get("next").get("after").asText() : null;
      pages++;
    } while (after != null);
    assertThat(pages).isEqualTo(4);
    List<String> expected = new ArrayList<>();
    for (int i = 5; i < 20; i++) {
      expected.add("C-" + i);
    }
    assertThat(refs).containsExactlyElementsOf(expected);

    JsonNode iso =
        search(
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"lastmodifieddate\","
                    + "\"operator\":\"GTE\",\"value\":\"2026-12-04T10:00:04Z\"}]}]}")
            .json();
    assertThat(iso.get("total").asInt()).isEqualTo(5);
  }

  @Test
  void sortsOperatorsAndDefaults() {
    JsonNode desc =
        search(
                "{\"sorts\":[{\"propertyName\":\"score\",\"direction\":\"DESCENDING\"}],"
                    + "\"properties\":[\"score\",\"customer_ref\"],\"limit\":6}")
            .json();
    assertThat(desc.get("total").asInt()).isEqualTo(25);
    assertThat(desc.get("results"))
        .extracting(r -> r.get("properties").get("customer_ref").asText())
        .containsExactly("C-0", "C-1", "C-2", "C-3", "C-4", "C-5");
    assertThat(desc.get("paging").get("next").get("after").asText()).isEqualTo("6");

    JsonNode in =
        search(
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"customer_ref\","
                    + "\"operator\":\"IN\",\"values\":[\"C-3\",\"C-7\"]}]},"
                    + "{\"filters\":[{\"propertyName\":\"score\",\"operator\":\"LTE\",\"value\":96}]}]}")
            .json();
    assertThat(in.get("total").asInt()).isEqualTo(7);
    assertThat(in.has("paging")).isFalse();
    JsonNode first = in.get("results").get(0).get("properties");
    assertThat(first.has("firstname")).as("default properties").isTrue();

    JsonNode has =
        search(
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\","
                    + "\"operator\":\"HAS_PROPERTY\"}]}]}")
            .json();
    assertThat(has.get("total").asInt()).isZero();
    assertThat(has.get("results")).isEmpty();
  }

  @Test
  void theLimitsAreEnforced() {
    Client.Reply cap = search("{\"limit\":200,\"after\":\"9801\"}");
    assertThat(cap.status()).isEqualTo(400);
    assertThat(cap.json().get("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(cap.json().get("message").asText()).contains("10000");
    assertThat(search("{\"limit\":200,\"after\":\"9800\"}").status()).isEqualTo(200);
    assertThat(search("{\"limit\":201}").status()).isEqualTo(400);

    StringBuilder groups = new StringBuilder();
    for (int g = 0; g < 6; g++) {
      groups.append(g == 0 ? "" : ",");
      groups.append("{\"filters\":[{\"propertyName\":\"score\",\"operator\":\"GT\",\"value\":1}]}");
    }
    assertThat(search("{\"filterGroups\":[" + groups + "]}").status()).isEqualTo(400);
    String filter = "{\"propertyName\":\"score\",\"operator\":\"GT\",\"value\":1}";
    String eleven = String.join(",", java.util.Collections.nCopies(11, filter));
    assertThat(search("{\"filterGroups\":[{\"filters\":[" + eleven + "]}]}").status())
        .isEqualTo(400);
    String ten = String.join(",", java.util.Collections.nCopies(10, filter));
    String group = "{\"filters\":[" + ten + "]}";
    assertThat(search("{\"filterGroups\":[" + group + "," + group + "]}").status()).isEqualTo(200);
    Client.Reply total = search("{\"filterGroups\":[" + group + "," + group + "," + group + "]}");
    assertThat(total.status()).isEqualTo(400);
    assertThat(total.json().get("message").asText()).contains("25");
    assertThat(
            search(
                    "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"nope\","
                        + "\"operator\":\"EQ\",\"value\":1}]}]}")
                .status())
        .isEqualTo(400);
    assertThat(sandbox.stats().calls("hubspot.search")).isEqualTo(8);
  }
}
