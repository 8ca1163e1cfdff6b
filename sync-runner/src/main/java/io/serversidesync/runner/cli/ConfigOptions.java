package io.serversidesync.runner.cli;

import io.serversidesync.api.runner.RunnerContract;
import io.serversidesync.runner.config.ConfigException;
import io.serversidesync.runner.config.LoadedSync;
import io.serversidesync.runner.config.MountedSecrets;
import io.serversidesync.runner.config.SecretManifests;
import io.serversidesync.runner.config.SettingsLoader;
import io.serversidesync.runner.destination.SecretLookup;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command finds the manifest and the Secrets (shared by every command). */
public final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The ServerSideSync manifest (YAML). Default: the operator's mount, "
              + RunnerContract.CONFIG_DIR
              + "/"
              + RunnerContract.CONFIG_FILE_NAME)
  Path config = Path.of(RunnerContract.CONFIG_DIR, RunnerContract.CONFIG_FILE_NAME);

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description =
          "Kubernetes Secret manifests (data or stringData) the manifest's references resolve"
              + " against. Default: the Secrets mounted under --secrets-dir.")
  Path secrets;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      description =
          "Mounted Secrets, one file per key: DIR/<secret>/<key>. Default: ${DEFAULT-VALUE}")
  Path secretsDir = Path.of(RunnerContract.SECRETS_DIR);

  LoadedSync load() throws ConfigException {
    SecretLookup lookup =
        secrets != null ? SecretManifests.read(secrets) : new MountedSecrets(secretsDir);
    return SettingsLoader.load(config, lookup);
  }
}
