package io.serversidesync.operator.dependent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the objects the operator creates for a sync. All fit 63 characters (DNS labels, and the
 * job-name label of a Job's pods) and Service names start with a letter.
 */
public final class ResourceNames {

  static final int MAX = 63;

  private ResourceNames() {}

  /** The runner Deployment. */
  public static String deployment(String sync) {
    return fit(sync, "-runner");
  }

  /** The ConfigMap holding the runner's manifest. */
  public static String configMap(String sync) {
    return fit(sync, "-runner-config");
  }

  /** The Service in front of the runner's status port. */
  public static String service(String sync) {
    String base = Character.isLetter(sync.charAt(0)) ? sync : "sss-" + sync;
    return fit(base, "-runner");
  }

  /** The cleanup Job of a given attempt (1, 2, …). */
  public static String cleanupJob(String sync, int attempt) {
    return fit(sync, "-cleanup-" + attempt);
  }

  /**
   * base + suffix, or, when too long, a prefix of base, a short hash of the whole base (so two long
   * names never collide) and the suffix.
   */
  static String fit(String base, String suffix) {
    if (base.length() + suffix.length() <= MAX) {
      return base + suffix;
    }
    String hash = sha256(base).substring(0, 8);
    int keep = MAX - suffix.length() - hash.length() - 1;
    String prefix = base.substring(0, keep).replaceAll("[-.]+$", "");
    return prefix + "-" + hash + suffix;
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
