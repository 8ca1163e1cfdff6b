package io.serversidesync.api.validation;

import io.serversidesync.api.v1alpha1.DestinationSpec;
import io.serversidesync.api.v1alpha1.HubSpotDestinationSpec;
import io.serversidesync.api.v1alpha1.Identifiers;
import io.serversidesync.api.v1alpha1.SalesforceDestinationSpec;

/** The rules of {@code spec.destination}: one destination kind, its connection, the object. */
final class DestinationSpecRules {

  private DestinationSpecRules() {}

  static void check(DestinationSpec destination, Violations v) {
    if (!v.required("spec.destination", destination)) {
      return;
    }
    int kinds =
        (destination.getSalesforce() != null ? 1 : 0) + (destination.getHubspot() != null ? 1 : 0);
    if (kinds != 1) {
      v.add("spec.destination", "exactly one of salesforce or hubspot must be set, found " + kinds);
    }
    SalesforceDestinationSpec sf = destination.getSalesforce();
    if (sf != null) {
      if (v.required(
          "spec.destination.salesforce.loginUrl",
          sf.getLoginUrl(),
          "the org's My Domain URL, e.g. https://acme.my.salesforce.com")) {
        v.matches(
            "spec.destination.salesforce.loginUrl",
            sf.getLoginUrl(),
            Identifiers.LOGIN_URL_PATTERN,
            "must be the org's My Domain URL over https, e.g. https://acme.my.salesforce.com"
                + " (plain http only to localhost, 127.x.x.x or [::1]: elsewhere it would send"
                + " the credentials in clear text)");
      }
      String version = sf.getApiVersion();
      if (v.required("spec.destination.salesforce.apiVersion", version)) {
        if (!version.matches("^[0-9]{2}\\.0$")) {
          v.add(
              "spec.destination.salesforce.apiVersion",
              "\"" + version + "\" is invalid: write the version as NN.0, e.g. 64.0");
        } else if (Integer.parseInt(version.substring(0, 2)) < 46) {
          v.add(
              "spec.destination.salesforce.apiVersion",
              version + " is too old: sObject Collections upsert needs 46.0 or later");
        }
      }
      if (v.required("spec.destination.salesforce.auth", sf.getAuth())) {
        v.required(
            "spec.destination.salesforce.auth.flow",
            sf.getAuth().getFlow(),
            "one of ClientCredentials, JwtBearer, RefreshToken");
        if (v.required("spec.destination.salesforce.auth.secretRef", sf.getAuth().getSecretRef())) {
          ServerSideSyncValidator.secretName(
              "spec.destination.salesforce.auth.secretRef.name",
              sf.getAuth().getSecretRef().getName(),
              v);
        }
      }
    }
    HubSpotDestinationSpec hubspot = destination.getHubspot();
    if (hubspot != null) {
      if (hubspot.getBaseUrl() != null) {
        v.matches(
            "spec.destination.hubspot.baseUrl",
            hubspot.getBaseUrl(),
            Identifiers.LOGIN_URL_PATTERN,
            "must be the API's base URL over https, e.g. https://api.hubapi.com (plain http only"
                + " to localhost, 127.x.x.x or [::1]: elsewhere it would send the token in clear"
                + " text)");
      }
      if (v.required(
          "spec.destination.hubspot.accessTokenSecretRef",
          hubspot.getAccessTokenSecretRef(),
          "the Secret and key holding the private app's access token")) {
        ServerSideSyncValidator.secretName(
            "spec.destination.hubspot.accessTokenSecretRef.name",
            hubspot.getAccessTokenSecretRef().getName(),
            v);
        v.required(
            "spec.destination.hubspot.accessTokenSecretRef.key",
            hubspot.getAccessTokenSecretRef().getKey(),
            "the key inside the Secret, e.g. accessToken");
      }
    }
    if (v.required(
        "spec.destination.object", destination.getObject(), "the object API name, e.g. Contact")) {
      v.matches(
          "spec.destination.object",
          destination.getObject(),
          Identifiers.FIELD_PATTERN,
          ServerSideSyncValidator.FIELD_RULE);
    }
    if (v.required(
        "spec.destination.externalIdField",
        destination.getExternalIdField(),
        "the unique external-id field API name, e.g. Customer_Ref__c")) {
      v.matches(
          "spec.destination.externalIdField",
          destination.getExternalIdField(),
          Identifiers.FIELD_PATTERN,
          ServerSideSyncValidator.FIELD_RULE);
    }
  }
}
