package io.serversidesync.runner.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code sync-runner --version}: the runner's version and the JVM it runs on, heap bound included.
 */
public final class RunnerVersion implements IVersionProvider {

  static final String VERSION = "sync-runner 0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {
      VERSION,
      "Java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vm.vendor")
          + "), "
          + JvmMemory.current().describe()
    };
  }
}
