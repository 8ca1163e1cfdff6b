package io.serversidesync.operator.validation;

import java.util.Optional;
import java.util.Set;

/** Looks up which keys a Secret has; never exposes the values. */
@FunctionalInterface
public interface SecretKeys {

  /** The Secret's keys, or empty when the Secret does not exist. */
  Optional<Set<String>> keysOf(String namespace, String name);
}
