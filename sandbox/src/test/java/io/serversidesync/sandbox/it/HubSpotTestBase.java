package io.serversidesync.sandbox.it;

import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import io.serversidesync.sandbox.hubspot.HubSpotSettings;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Starts a fresh sandbox on a free port for every test, with a HubSpot client holding the token.
 */
@Tag("integration")
abstract class HubSpotTestBase {
  Sandbox sandbox;
  HubSpotClient hubspot;
  Client admin;

  HubSpotSettings settings() {
    return HubSpotSettings.defaults();
  }

  @BeforeEach
  void startSandbox() throws IOException {
    sandbox = Sandbox.start(SandboxConfig.builder().threads(4).hubSpot(settings()).build());
    hubspot = new HubSpotClient(sandbox);
    admin = new Client(sandbox);
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }
}
