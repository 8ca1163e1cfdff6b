package io.serversidesync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.Data;
import lombok.NoArgsConstructor;

/** How the runner connects to Postgres. Credentials always come from a Secret. */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresConnection {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Host name or IP address of the Postgres server (the primary).")
  private String host;

  @Default("5432")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("TCP port of the Postgres server.")
  private int port = 5432;

  @Required
  @Size(min = 1, max = 63)
  @JsonPropertyDescription("Database that holds the table.")
  private String database;

  @Required
  @JsonPropertyDescription(
      "Secret holding the user name and password. The role needs REPLICATION, SELECT on the"
          + " table and CREATE on the database (for the serversidesync schema); see"
          + " docs/security.md.")
  private CredentialsSecretRef credentialsSecretRef;

  @Default("verify-full")
  @JsonPropertyDescription(
      "TLS mode, as libpq defines it: verify-full (the default: encrypt, check the server"
          + " certificate against the CA and the host name), verify-ca (no host name check),"
          + " require (encrypt, no certificate check: anyone on the path can pose as the server)"
          + " or disable (plain text, e.g. a database on the same host). See docs/security.md.")
  private SslMode sslMode = SslMode.VERIFY_FULL;

  @JsonPropertyDescription(
      "Secret key holding the PEM CA certificate for verify-ca and verify-full (the bundle of a"
          + " managed service, e.g. Amazon RDS's). Without it the JVM's trust store (the public"
          + " CAs) is used.")
  private SecretKeyRef sslRootCertSecretRef;
}
