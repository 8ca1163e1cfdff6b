package io.serversidesync.runner.destination;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A SaaS system the runner writes to. Implementations are thread-safe: the runner may write several
 * batches concurrently (up to the sync's maxConcurrent).
 */
public interface Destination extends AutoCloseable {

  /**
   * Checks credentials and that the object, the external-id field and every mapped field exist and
   * can be written (Salesforce: describe), before any change is read.
   *
   * @param fields the mapped field API names, including the external-id field
   * @throws DestinationException of kind CONFIGURATION naming the bad field, or CREDENTIALS
   */
  void preflight(List<String> fields) throws DestinationException;

  /**
   * The destination's rules the stages respect (record id length, how values are stored). A plain
   * accessor: it does not call the network and may be asked before {@link #preflight}.
   */
  DestinationRules rules();

  /** The ways this destination can deliver a batch, cheapest per record last. */
  List<DeliveryPath> deliveryPaths();

  /**
   * Writes a batch along one of {@link #deliveryPaths()} and reports each record's outcome.
   * Record-level problems are outcomes, not exceptions; a request the destination rejects as a
   * whole because of one record's value is split by the implementation until the bad record is
   * isolated, so the other records still get written.
   *
   * @param path one of {@link #deliveryPaths()}
   * @param operation upsert or delete
   * @param records at most one record per external id
   * @throws DestinationException when no per-record outcome can be given (auth, quota, network)
   */
  WriteResult write(DeliveryPath path, WriteOperation operation, List<DestinationRecord> records)
      throws DestinationException;

  /**
   * How the destination matches keys (call after {@link #preflight}: it may depend on the field): a
   * cut never deletes a record it upserts under another spelling of the same key.
   */
  default KeyMatching keyMatching() {
    return KeyMatching.EXACT;
  }

  /**
   * How this destination reads changes back for two-way sync, if it can. Call after {@link
   * #preflight}: readers need what preflight learnt about the fields.
   */
  default Optional<ChangeReader> changeReader() {
    return Optional.empty();
  }

  /**
   * The destination's daily API allocation and its current usage, read from the destination
   * (Salesforce: GET /limits, one API call), for the cost plan. Empty when the destination offers
   * no way to read it.
   *
   * @throws DestinationException CREDENTIALS when the credentials are refused, or TRANSIENT when
   *     the destination cannot be reached
   */
  default Optional<Allocation> allocation() throws DestinationException {
    return Optional.empty();
  }

  /**
   * API calls per day of two-way sync's polls when the destination has no changes to return: what
   * two-way costs at the least. By default one call per poll.
   *
   * @param pollInterval spec.twoWay.pollInterval
   */
  default long idlePollCallsPerDay(Duration pollInterval) {
    return Duration.ofDays(1).toMillis() / Math.max(1, pollInterval.toMillis());
  }

  @Override
  void close();
}
