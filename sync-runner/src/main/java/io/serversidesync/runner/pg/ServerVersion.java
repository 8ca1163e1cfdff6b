package io.serversidesync.runner.pg;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The source server's version and what the runner may use of it. Publication column lists and row
 * filters came with PostgreSQL 15; on 13 and 14 the publication publishes every column and the
 * runner leaves the extra ones out itself.
 *
 * @param number {@code server_version_num}, e.g. 130022 for 13.22 or 170006 for 17.6
 */
public record ServerVersion(int number) {

  /** The oldest major version the runner supports (12 and older are out of upstream support). */
  public static final int OLDEST_SUPPORTED = 13;

  /** The newest major version the runner is tested against. */
  public static final int NEWEST_TESTED = 17;

  /** The version of the server behind {@code c}, from what it reported at connect time. */
  public static ServerVersion of(Connection c) throws SQLException {
    var meta = c.getMetaData();
    int major = meta.getDatabaseMajorVersion();
    // PgJDBC reports 13.22 as major 13, minor 22 (since PostgreSQL 10 the version has two parts).
    return new ServerVersion(major * 10_000 + meta.getDatabaseMinorVersion());
  }

  public int major() {
    return number / 10_000;
  }

  /** Whether a publication may list columns ({@code FOR TABLE t (a, b)}): 15 and newer. */
  public boolean publicationColumnLists() {
    return major() >= 15;
  }

  /** Whether a publication may filter rows ({@code FOR TABLE t WHERE (…)}): 15 and newer. */
  public boolean publicationRowFilters() {
    return major() >= 15;
  }

  public boolean supported() {
    return major() >= OLDEST_SUPPORTED;
  }

  @Override
  public String toString() {
    return major() + "." + number % 10_000;
  }
}
