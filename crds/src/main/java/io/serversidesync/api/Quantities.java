package io.serversidesync.api;

import io.fabric8.kubernetes.api.model.Quantity;
import io.serversidesync.api.v1alpha1.Identifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Parses memory bounds written as Kubernetes quantities, every form Kubernetes accepts: 256Mi, 1Gi,
 * 512M, 1G, 1.5Gi, 1e9. The arithmetic is Fabric8's {@link Quantity}.
 */
public final class Quantities {

  private Quantities() {}

  /**
   * Returns the number of bytes (rounded up to a whole byte).
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static long parseBytes(String text) {
    if (text == null || !text.matches(Identifiers.QUANTITY_PATTERN)) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a Kubernetes quantity; write e.g. 256Mi, 1Gi, 512M or 1G");
    }
    BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(text));
    try {
      return bytes.setScale(0, RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("quantity \"" + text + "\" is too large", e);
    }
  }
}
