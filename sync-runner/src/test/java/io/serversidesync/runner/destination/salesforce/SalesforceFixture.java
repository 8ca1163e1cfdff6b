package io.serversidesync.runner.destination.salesforce;

import io.serversidesync.api.v1alpha1.AuthFlow;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationRecord;
import io.serversidesync.runner.destination.SecretLookup;
import io.serversidesync.runner.destination.ratelimit.ManualTime;
import io.serversidesync.runner.destination.ratelimit.RateLimitSettings;
import io.serversidesync.runner.destination.salesforce.bulk.BulkSettings;
import io.serversidesync.runner.destination.salesforce.describe.MappingCheck.MappedField;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** A MockWebServer answering as Salesforce would for one test, and a destination pointed at it. */
final class SalesforceFixture implements AutoCloseable {

  static final String DATA = "/services/data/v64.0";
  static final String SECRET_VALUE = "s3cr3t-client-secret";

  final MockWebServer server = new MockWebServer();
  final SalesforceRoutes routes = new SalesforceRoutes();
  final ManualTime time = new ManualTime();
  final RecordingTelemetry telemetry = new RecordingTelemetry();
  final Map<String, String> secret = new ConcurrentHashMap<>();
  SalesforceSettings settings;
  private final List<SalesforceDestination> created = new ArrayList<>();

  SalesforceFixture() throws IOException {
    server.setDispatcher(routes);
    server.start();
    secret.put("clientId", "the-client-id");
    secret.put("clientSecret", SECRET_VALUE);
    routes.on("POST", "/services/oauth2/token", r -> token("token-1"));
    routes.on(
        "GET",
        "/services/data/",
        r ->
            json(
                200,
                "[{\"label\":\"Summer '25\",\"url\":\"/services/data/v64.0\","
                    + "\"version\":\"64.0\"},{\"label\":\"Winter '26\","
                    + "\"url\":\"/services/data/v65.0\",\"version\":\"65.0\"}]"));
    routes.on("GET", DATA + "/sobjects/Contact/describe", r -> json(200, CONTACT_DESCRIBE));
    settings =
        SalesforceSettings.builder()
            .loginUrl(server.url("/"))
            .apiVersion("64.0")
            .flow(AuthFlow.ClientCredentials)
            .secretName("sf-oauth")
            .audience("https://login.salesforce.com")
            .object("Contact")
            .externalIdField("Customer_Ref__c")
            .mapping(
                List.of(
                    new MappedField("spec.mapping[0].field", "Customer_Ref__c"),
                    new MappedField("spec.mapping[1].field", "LastName"),
                    new MappedField("spec.mapping[2].field", "Email")))
            .deletes(DeletePolicy.Delete)
            .maxRecordsPerCall(200)
            .rateLimit(
                new RateLimitSettings(1000, 4, 1.0, Duration.ofMinutes(5), Duration.ofSeconds(1)))
            .bulk(BulkSettings.DEFAULT)
            .bulkProcessingEstimate(SalesforceSettings.DEFAULT_BULK_PROCESSING)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(5))
            .build();
  }

  SecretLookup secrets() {
    return (name, key) -> {
      String value = name.equals("sf-oauth") ? secret.get(key) : null;
      if (value == null) {
        throw new SecretLookup.MissingSecretException("Secret " + name + " has no key " + key);
      }
      return value;
    };
  }

  SalesforceDestination destination() throws DestinationException {
    return destination(Map.of());
  }

  /** A destination created in a process with this environment (e.g. HTTPS_PROXY). */
  SalesforceDestination destination(Map<String, String> environment) throws DestinationException {
    SalesforceDestination destination =
        SalesforceDestination.create(settings, secrets(), telemetry, time, environment);
    created.add(destination);
    return destination;
  }

  MockResponse token(String accessToken) {
    return json(
        200,
        "{\"access_token\":\""
            + accessToken
            + "\",\"instance_url\":\""
            + server.url("/").toString().replaceAll("/$", "")
            + "\",\"id\":\"https://login.salesforce.com/id/00D/005\",\"token_type\":\"Bearer\","
            + "\"issued_at\":\"1278448832702\",\"signature\":\"c2ln\"}");
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json;charset=UTF-8")
        .setBody(body);
  }

  static DestinationRecord contact(String ref, String lastName) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", ref);
    fields.put("LastName", lastName);
    return new DestinationRecord(ref, fields);
  }

  static List<DestinationRecord> contacts(int count) {
    List<DestinationRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(contact("C-" + i, "Name" + i));
    }
    return records;
  }

  /** A collections answer with one success per record. */
  static String successes(int count) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",")
          .append("{\"id\":\"003000000000")
          .append(String.format("%03d", i % 1000))
          .append("AAA\",\"success\":true,\"errors\":[],\"created\":true}");
    }
    return out.append("]").toString();
  }

  @Override
  public void close() throws IOException {
    created.forEach(SalesforceDestination::close);
    server.shutdown();
  }

  static final String CONTACT_DESCRIBE =
      """
      {"name":"Contact","keyPrefix":"003","fields":[
        {"name":"Id","label":"Contact ID","type":"id","length":18,"nillable":false,
         "createable":false,"updateable":false,"externalId":false,"unique":false,"idLookup":true},
        {"name":"Customer_Ref__c","label":"Customer Ref","type":"string","length":40,
         "nillable":true,"createable":true,"updateable":true,"externalId":true,"unique":true,
         "idLookup":true},
        {"name":"LastName","label":"Last Name","type":"string","length":80,"nillable":false,
         "createable":true,"updateable":true,"externalId":false,"unique":false,"idLookup":false},
        {"name":"FirstName","label":"First Name","type":"string","length":40,"nillable":true,
         "createable":true,"updateable":true,"externalId":false,"unique":false,"idLookup":false},
        {"name":"Email","label":"Email","type":"email","length":80,"nillable":true,
         "createable":true,"updateable":true,"externalId":false,"unique":false,"idLookup":true},
        {"name":"Birthdate","label":"Birthdate","type":"date","length":0,"nillable":true,
         "createable":true,"updateable":true,"externalId":false,"unique":false,"idLookup":false},
        {"name":"Score__c","label":"Score","type":"double","length":0,"nillable":true,
         "createable":true,"updateable":true,"externalId":false,"unique":false,"idLookup":false},
        {"name":"Legacy_Code__c","label":"Legacy Code","type":"string","length":20,
         "nillable":true,"createable":true,"updateable":true,"externalId":true,"unique":false,
         "idLookup":true},
        {"name":"Name","label":"Full Name","type":"string","length":121,"nillable":false,
         "createable":false,"updateable":false,"externalId":false,"unique":false,"idLookup":true}
      ]}
      """;
}
