package io.serversidesync.sandbox.it;

import io.serversidesync.sandbox.Sandbox;
import io.serversidesync.sandbox.SandboxConfig;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** Starts a fresh sandbox on a free port for every test and logs a client in. */
@Tag("integration")
abstract class SandboxTestBase {
  Sandbox sandbox;
  Client client;

  SandboxConfig.Builder config() {
    return SandboxConfig.builder();
  }

  @BeforeEach
  void startSandbox() throws IOException {
    sandbox = Sandbox.start(config().build());
    client = new Client(sandbox).login();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }
}
