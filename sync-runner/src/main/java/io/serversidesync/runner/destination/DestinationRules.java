package io.serversidesync.runner.destination;

/**
 * The destination's own rules that the stages must respect, declared by the destination so that the
 * engine, the preflight and two-way sync hold no destination constant. Records per request and the
 * choice between per-call and job paths are on each {@link DeliveryPath}; reading changes back is
 * {@link Destination#changeReader()}; how keys match is {@link Destination#keyMatching()}.
 *
 * @param nativeIdLength the most characters of a record id the destination assigns: the columns
 *     two-way sync writes ids into must hold that many
 * @param storedForm how the destination stores values, for comparing what was sent with what is
 *     read back
 */
public record DestinationRules(int nativeIdLength, StoredForm storedForm) {

  public DestinationRules {
    if (nativeIdLength < 1) {
      throw new IllegalArgumentException("nativeIdLength must be at least 1: " + nativeIdLength);
    }
    java.util.Objects.requireNonNull(storedForm, "storedForm");
  }
}
