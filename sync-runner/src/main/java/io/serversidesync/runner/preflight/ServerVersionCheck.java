package io.serversidesync.runner.preflight;

import io.serversidesync.runner.config.SyncSettings;
import io.serversidesync.runner.pg.ServerVersion;
import java.util.ArrayList;
import java.util.List;

/** What the source server's version rules out for the sync, each with what to do instead. */
final class ServerVersionCheck {

  private ServerVersionCheck() {}

  static List<String> problems(ServerVersion version, SyncSettings settings) {
    List<String> problems = new ArrayList<>();
    if (!version.supported()) {
      problems.add(
          "PostgreSQL "
              + version
              + " is not supported: the runner needs "
              + ServerVersion.OLDEST_SUPPORTED
              + " or newer (docs/runner.md lists the versions); upgrade the server");
    }
    if (settings.filter() != null
        && !settings.triggerCapture()
        && !version.publicationRowFilters()) {
      problems.add(
          "spec.source.filter needs PostgreSQL 15 or newer (publication row filters); this server"
              + " is "
              + version
              + ": remove the filter and sync the whole table, or upgrade the server");
    }
    return problems;
  }
}
