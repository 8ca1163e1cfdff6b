package io.serversidesync.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serversidesync.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jsforce (the pinned npm release installed by scripts/jsforce.sh) logs in, upserts, queries and
 * reads /limits against the sandbox without any adaptation.
 */
@Tag("integration")
class JsforceStockClientIT extends SandboxTestBase {

  private static String run(ProcessBuilder pb) throws Exception {
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.trim();
  }

  @Test
  void jsforceLogsInUpsertsQueriesAndReadsLimits() throws Exception {
    Path repo = Path.of("").toAbsolutePath().getParent();
    String modules = run(new ProcessBuilder("bash", repo.resolve("scripts/jsforce.sh").toString()));
    ProcessBuilder node =
        new ProcessBuilder(
            "node", Path.of("src/test/js/jsforce-stock-client.js").toAbsolutePath().toString());
    node.environment().put("NODE_PATH", modules);
    node.environment().put("SANDBOX_URL", sandbox.baseUrl());
    node.environment().put("SANDBOX_CLIENT_ID", SandboxConfig.DEFAULT_CLIENT_ID);
    node.environment().put("SANDBOX_CLIENT_SECRET", SandboxConfig.DEFAULT_CLIENT_SECRET);
    String out = run(node);
    JsonNode summary = Client.JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));

    assertThat(summary.get("organizationId").asText()).isEqualTo(sandbox.org().orgId());
    assertThat(summary.get("userId").asText()).isEqualTo(sandbox.org().userId());
    assertThat(summary.get("upserted").asInt()).isEqualTo(251);
    assertThat(summary.get("created").asInt()).isEqualTo(250);
    assertThat(summary.get("failedCodes").get(0).asText()).isEqualTo("STRING_TOO_LONG");
    assertThat(summary.get("singleSuccess").asBoolean()).isTrue();
    assertThat(summary.get("singleCreated").asBoolean()).isFalse();
    assertThat(summary.get("queried").asInt()).isEqualTo(250);
    assertThat(summary.get("totalSize").asInt()).isEqualTo(250);
    assertThat(summary.get("firstRecordType").asText()).isEqualTo("Contact");
    assertThat(summary.get("dailyApiRequests").get("Max").asInt()).isEqualTo(15000);
    assertThat(summary.get("apiUsage").get("limit").asInt()).isEqualTo(15000);
    assertThat(summary.get("apiUsage").get("used").asInt()).isEqualTo(6);

    assertThat(sandbox.records("Contact")).hasSize(250);
    assertThat(sandbox.stats().calls("composite.sobjects.upsert")).isEqualTo(2);
    assertThat(sandbox.stats().calls("sobject.upsert")).isEqualTo(1);
    assertThat(sandbox.stats().calls("query.more")).isEqualTo(1);
  }
}
