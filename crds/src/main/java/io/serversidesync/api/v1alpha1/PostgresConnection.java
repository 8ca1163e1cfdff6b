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

  @Default("require")
  @JsonPropertyDescription(
      "TLS mode, as libpq defines it: disable, require (encrypt, no certificate check),"
          + " verify-ca (check the server certificate against the CA) or verify-full (also check"
          + " the host name).")
  private SslMode sslMode = SslMode.REQUIRE;

  @JsonPropertyDescription(
      "Secret key holding the PEM CA certificate for verify-ca and verify-full. Without it the"
          + " JVM's default trust store is used.")
  private SecretKeyRef sslRootCertSecretRef;
}
