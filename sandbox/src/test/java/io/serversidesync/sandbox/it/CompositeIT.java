package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST …/composite: several describes in one call, each with its own status. */
@Tag("integration")
class CompositeIT extends SandboxTestBase {

  private static String describe(String object, String referenceId) {
    return "{\"method\": \"GET\", \"url\": \""
        + V
        + "/sobjects/"
        + object
        + "/describe\", \"referenceId\": \""
        + referenceId
        + "\"}";
  }

  private static String composite(List<String> subrequests) {
    return "{\"allOrNone\": false, \"compositeRequest\": [" + String.join(", ", subrequests) + "]}";
  }

  @Test
  void describesSeveralObjectsInOneCallEachWithItsOwnStatus() {
    long calls = sandbox.usage().requests().used();
    Client.Reply reply =
        client.post(
            V + "/composite",
            composite(
                List.of(
                    describe("Contact", "0"),
                    describe("Account", "1"),
                    describe("Acount", "2"),
                    "{\"method\": \"GET\", \"url\": \""
                        + V
                        + "/limits\", \"referenceId\": \"3\"}")));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode answers = reply.json().get("compositeResponse");
    assertThat(answers).hasSize(4);
    assertThat(answers.get(0).get("referenceId").asText()).isEqualTo("0");
    assertThat(answers.get(0).get("httpStatusCode").asInt()).isEqualTo(200);
    assertThat(answers.get(0).get("body").get("name").asText()).isEqualTo("Contact");
    assertThat(PolymorphicLookupIT.field(answers.get(0).get("body"), "AccountId")).isNotNull();
    assertThat(answers.get(1).get("body").get("name").asText()).isEqualTo("Account");
    assertThat(answers.get(2).get("httpStatusCode").asInt()).isEqualTo(404);
    assertThat(answers.get(2).get("body").get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
    // what the sandbox does not run inside a composite request says so, in its own subresponse
    assertThat(answers.get(3).get("httpStatusCode").asInt()).isEqualTo(400);
    assertThat(answers.get(3).get("body").get(0).get("errorCode").asText())
        .isEqualTo("NOT_SUPPORTED");
    // the whole request is one call toward the limits
    assertThat(sandbox.usage().requests().used() - calls).isEqualTo(1);
    assertThat(sandbox.stats().calls("composite")).isEqualTo(1);
  }

  @Test
  void moreThan25SubrequestsOrNoneAreRefused() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      many.add(describe("Contact", Integer.toString(i)));
    }
    Client.Reply tooMany = client.post(V + "/composite", composite(many));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get(0).get("errorCode").asText()).isEqualTo("LIMIT_EXCEEDED");
    Client.Reply none = client.post(V + "/composite", composite(List.of()));
    assertThat(none.status()).isEqualTo(400);
  }
}
