package io.serversidesync.api.v1alpha1;

/** Patterns shared by the schema and the Java validator so both accept exactly the same names. */
public final class Identifiers {
  /** An unquoted Postgres identifier as it is stored (folded to lower case). */
  public static final String COLUMN_PATTERN = "^[a-z_][a-z0-9_$]{0,62}$";

  /** A table, optionally schema-qualified. */
  public static final String TABLE_PATTERN = "^([a-z_][a-z0-9_$]{0,62}\\.)?[a-z_][a-z0-9_$]{0,62}$";

  /** A Salesforce API name: letters, digits and underscores, starting with a letter. */
  public static final String FIELD_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,79}$";

  /** A Kubernetes-style duration: one or more number+unit pairs, e.g. 2s, 500ms, 1m30s. */
  public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

  /** A percentage from 1% to 100%. */
  public static final String PERCENT_PATTERN = "^(100|[1-9][0-9]?)%$";

  /** A Kubernetes Secret name (DNS subdomain). */
  public static final String SECRET_NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A key inside a Secret. */
  public static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

  /**
   * A Kubernetes quantity as the API server accepts it (without a sign): a decimal number with a
   * binary (Ki … Ei) or decimal (m, k, M … E) suffix, or an exponent; e.g. 256Mi, 512M, 1.5Gi, 1e9.
   */
  public static final String QUANTITY_PATTERN =
      "^\\+?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /**
   * A login URL: https to any host; plain http only to this machine (localhost, 127.x.x.x, [::1]),
   * where nothing travels over a network (a local sandbox, a proxy beside the runner).
   */
  public static final String LOGIN_URL_PATTERN =
      "^(https://[^\\s/:]+|http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\]))(:[0-9]+)?/?$";

  /** Whether plain http to {@code host} stays on this machine. */
  public static boolean isLoopbackHost(String host) {
    return host != null && host.matches("^(localhost|127(\\.[0-9]{1,3}){3}|\\[?::1\\]?)$");
  }

  private Identifiers() {}
}
