package io.serversidesync.operator.validation;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.api.validation.ServerSideSyncValidator;
import io.serversidesync.api.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the CRD's schema and CEL rules cannot: the shared validator's rules (durations,
 * quantities, API version floor, name length) and that every referenced Secret and key exists.
 */
public final class SpecValidation {

  private final ServerSideSyncValidator validator = new ServerSideSyncValidator();
  private final SecretKeys secrets;

  public SpecValidation(SecretKeys secrets) {
    this.secrets = secrets;
  }

  public SpecCheck check(ServerSideSync sync) {
    List<Violation> violations = new ArrayList<>(validator.validate(sync));
    String namespace = sync.getMetadata().getNamespace();
    Map<String, Optional<Set<String>>> seen = new LinkedHashMap<>();
    for (SecretKeyRequirement ref : SecretReferences.of(sync.getSpec())) {
      boolean firstLookup = !seen.containsKey(ref.secret());
      Optional<Set<String>> keys =
          seen.computeIfAbsent(ref.secret(), name -> secrets.keysOf(namespace, name));
      if (keys.isEmpty()) {
        if (firstLookup) {
          violations.add(
              new Violation(
                  ref.field() + ".name",
                  "Secret \""
                      + ref.secret()
                      + "\" not found in namespace "
                      + namespace
                      + "; create it (see examples/contacts-salesforce-secrets.yaml)"));
        }
      } else if (ref.required() && !keys.get().contains(ref.key())) {
        violations.add(
            new Violation(
                ref.field(),
                "Secret \""
                    + ref.secret()
                    + "\" has no key \""
                    + ref.key()
                    + "\"; add it to the Secret or point the reference at the right key"));
      }
    }
    return new SpecCheck(violations);
  }
}
