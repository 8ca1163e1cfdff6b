package io.serversidesync.operator.validation;

import io.serversidesync.api.v1alpha1.CredentialsSecretRef;
import io.serversidesync.api.v1alpha1.PostgresConnection;
import io.serversidesync.api.v1alpha1.SalesforceAuth;
import io.serversidesync.api.v1alpha1.SecretKeyRef;
import io.serversidesync.api.v1alpha1.ServerSideSyncSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Secrets and keys a spec refers to. The operator checks they exist before it starts a runner
 * and mounts each Secret into the runner pod; it never reads a value beyond checking the key is
 * there.
 */
public final class SecretReferences {

  private SecretReferences() {}

  /** Every key the runner will read, with the field that names it. */
  public static List<SecretKeyRequirement> of(ServerSideSyncSpec spec) {
    List<SecretKeyRequirement> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    PostgresConnection pg = spec.getSource() == null ? null : spec.getSource().getPostgres();
    if (pg != null) {
      CredentialsSecretRef credentials = pg.getCredentialsSecretRef();
      if (credentials != null && credentials.getName() != null) {
        String field = "spec.source.postgres.credentialsSecretRef";
        out.add(
            new SecretKeyRequirement(
                field, credentials.getName(), credentials.getUsernameKey(), true));
        out.add(
            new SecretKeyRequirement(
                field, credentials.getName(), credentials.getPasswordKey(), true));
      }
      addKeyRef(out, "spec.source.postgres.sslRootCertSecretRef", pg.getSslRootCertSecretRef());
    }
    if (spec.getDestination() != null && spec.getDestination().getSalesforce() != null) {
      SalesforceAuth auth = spec.getDestination().getSalesforce().getAuth();
      if (auth != null && auth.getSecretRef() != null && auth.getSecretRef().getName() != null) {
        String field = "spec.destination.salesforce.auth.secretRef";
        String name = auth.getSecretRef().getName();
        for (String key : requiredKeys(auth)) {
          out.add(new SecretKeyRequirement(field, name, key, true));
        }
        if (auth.getFlow() == io.serversidesync.api.v1alpha1.AuthFlow.RefreshToken) {
          out.add(new SecretKeyRequirement(field, name, "clientSecret", false));
        }
      }
    }
    if (spec.getDestination() != null && spec.getDestination().getHubspot() != null) {
      addKeyRef(
          out,
          "spec.destination.hubspot.accessTokenSecretRef",
          spec.getDestination().getHubspot().getAccessTokenSecretRef());
    }
    return out;
  }

  /** The distinct Secret names, sorted (one volume each in the runner pod). */
  public static SortedSet<String> secretNames(ServerSideSyncSpec spec) {
    SortedSet<String> names = new TreeSet<>();
    of(spec).forEach(r -> names.add(r.secret()));
    return names;
  }

  private static List<String> requiredKeys(SalesforceAuth auth) {
    if (auth.getFlow() == null) {
      return List.of();
    }
    return switch (auth.getFlow()) {
      case ClientCredentials -> List.of("clientId", "clientSecret");
      case JwtBearer -> List.of("clientId", "username", "privateKey");
      case RefreshToken -> List.of("clientId", "refreshToken");
    };
  }

  private static void addKeyRef(List<SecretKeyRequirement> out, String field, SecretKeyRef ref) {
    if (ref != null && ref.getName() != null && ref.getKey() != null) {
      out.add(new SecretKeyRequirement(field, ref.getName(), ref.getKey(), true));
    }
  }
}
