package io.serversidesync.runner.destination.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.api.manifest.ManifestReader;
import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.Destination;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.DestinationProvider;
import io.serversidesync.runner.destination.DestinationTelemetry;
import io.serversidesync.runner.destination.SecretLookup;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SalesforceDestinationProviderTest {

  private static final String MANIFEST =
      """
      apiVersion: serversidesync.io/v1alpha1
      kind: ServerSideSync
      metadata: {name: contacts}
      spec:
        source:
          postgres: {host: db, database: app, credentialsSecretRef: {name: db}}
          table: public.contacts
          upsertKey: customer_ref
        destination:
          salesforce:
            loginUrl: https://acme.my.salesforce.com
            auth: {flow: JwtBearer, secretRef: {name: sf-jwt}, audience: https://test.salesforce.com}
          object: Contact
          externalIdField: Customer_Ref__c
        mapping:
          - {column: customer_ref, field: Customer_Ref__c}
          - {column: last_name, field: LastName}
        deletes: Delete
        batching: {maxRecords: 150}
        rateLimit: {requestsPerSecond: 3, maxConcurrent: 2, dailyQuotaShare: "25%"}
      """;

  private static ServerSideSync sync() throws Exception {
    return new ManifestReader().read("test.yaml", MANIFEST);
  }

  @Test
  void isFoundByTheRunnersServiceLoaderForSalesforceManifests() throws Exception {
    List<DestinationProvider> providers =
        ServiceLoader.load(DestinationProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p instanceof SalesforceDestinationProvider)
            .toList();
    assertThat(providers).hasSize(1);
    assertThat(providers.get(0).supports(sync())).isTrue();
    ServerSideSync hubspot = sync();
    hubspot.getSpec().getDestination().setSalesforce(null);
    assertThat(providers.get(0).supports(hubspot)).isFalse();
  }

  @Test
  void readsTheManifest() throws Exception {
    SalesforceSettings settings = SalesforceSettings.from(sync());
    assertThat(settings.loginUrl().toString()).isEqualTo("https://acme.my.salesforce.com/");
    assertThat(settings.apiVersion()).isEqualTo("64.0");
    assertThat(settings.flow()).isEqualTo(AuthFlow.JwtBearer);
    assertThat(settings.secretName()).isEqualTo("sf-jwt");
    assertThat(settings.audience()).isEqualTo("https://test.salesforce.com");
    assertThat(settings.maxRecordsPerCall()).isEqualTo(150);
    assertThat(settings.rateLimit().dailyQuotaShare()).isEqualTo(0.25);
    assertThat(settings.mapping())
        .extracting(m -> m.specPath() + "=" + m.field())
        .containsExactly("spec.mapping[0].field=Customer_Ref__c", "spec.mapping[1].field=LastName");
  }

  @Test
  void aSecretWithoutThePrivateKeyStopsCreationWithoutTouchingTheNetwork() throws Exception {
    Map<String, String> secret = Map.of("clientId", "id", "username", "u@example.com");
    SecretLookup lookup =
        (name, key) -> {
          if (!secret.containsKey(key)) {
            throw new SecretLookup.MissingSecretException("no " + key);
          }
          return secret.get(key);
        };
    assertThatThrownBy(
            () ->
                new SalesforceDestinationProvider()
                    .create(sync(), lookup, DestinationTelemetry.NOOP))
        .isInstanceOfSatisfying(
            DestinationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
              assertThat(e.getMessage()).contains("Secret sf-jwt has no value for key privateKey");
            });
  }

  @Test
  void createsADestinationWithBothPaths() throws Exception {
    ServerSideSync sync = sync();
    sync.getSpec().getDestination().getSalesforce().getAuth().setFlow(AuthFlow.ClientCredentials);
    Map<String, String> secret = Map.of("clientId", "id", "clientSecret", "s");
    try (Destination destination =
        new SalesforceDestinationProvider()
            .create(sync, (name, key) -> secret.get(key), DestinationTelemetry.NOOP)) {
      assertThat(destination.deliveryPaths())
          .extracting(p -> p.name() + "/" + p.maxRecordsPerRequest())
          .containsExactly("collections/150", "bulk/1000000");
    }
  }
}
