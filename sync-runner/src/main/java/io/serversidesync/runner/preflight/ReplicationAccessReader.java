package io.serversidesync.runner.preflight;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@link ReplicationAccess} from the catalog of the connected server, as the current role.
 */
final class ReplicationAccessReader {

  private static final String ROLE =
      "SELECT current_setting('server_version_num')::int, current_user,"
          + " current_setting('wal_level'), r.rolreplication, r.rolsuper"
          + " FROM pg_roles r WHERE r.rolname = current_user";

  /**
   * The provider roles that exist with the user's membership, then the provider settings the server
   * knows. {@code current_setting(name, true)} answers null for a setting no loaded module defines,
   * where {@code SHOW} would fail.
   */
  private static final String MARKERS =
      "SELECT 'role', r.rolname::text, pg_has_role(current_user, r.oid, 'MEMBER')::text"
          + " FROM pg_roles r WHERE r.rolname = ANY (?::text[])"
          + " UNION ALL"
          + " SELECT 'setting', n, current_setting(n, true) FROM unnest(?::text[]) AS n";

  private ReplicationAccessReader() {}

  static ReplicationAccess read(Connection c) throws SQLException {
    int version;
    String user;
    String walLevel;
    boolean replication;
    boolean superuser;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ROLE)) {
      rs.next();
      version = rs.getInt(1);
      user = rs.getString(2);
      walLevel = rs.getString(3);
      replication = rs.getBoolean(4);
      superuser = rs.getBoolean(5);
    }
    Map<String, Boolean> roles = new HashMap<>();
    Map<String, String> settings = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(MARKERS)) {
      Array roleNames = c.createArrayOf("text", ReplicationAccess.ROLES.toArray());
      Array settingNames = c.createArrayOf("text", ReplicationAccess.SETTINGS.toArray());
      s.setArray(1, roleNames);
      s.setArray(2, settingNames);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String value = rs.getString(3);
          if ("role".equals(rs.getString(1))) {
            roles.put(rs.getString(2), "true".equals(value));
          } else if (value != null) {
            settings.put(rs.getString(2), value);
          }
        }
      }
    }
    return new ReplicationAccess(version, user, walLevel, replication, superuser, roles, settings);
  }
}
