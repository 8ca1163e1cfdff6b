package io.serversidesync.runner.destination.hubspot.changes;

import io.serversidesync.api.v1alpha1.DeletePolicy;
import java.util.List;

/**
 * What the reader searches, from the destination's settings (taken apart so that this package does
 * not depend on the destination's, which builds the reader).
 *
 * @param objectType e.g. contacts
 * @param uniqueProperty the property holding the customer-managed identifier
 * @param properties the mapped properties, in mapping order
 * @param searchesPerSecond search requests per second at most (HubSpot allows 5 per account)
 * @param deletes what a deleted row does (only to say that deletions are not read back)
 */
public record SearchTarget(
    String objectType,
    String uniqueProperty,
    List<String> properties,
    int searchesPerSecond,
    DeletePolicy deletes) {

  public SearchTarget {
    properties = List.copyOf(properties);
  }
}
