package io.serversidesync.operator.dependent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A stable hash of an object as the operator wants it, stored on the object it writes. */
final class DesiredStateHash {

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private DesiredStateHash() {}

  static String of(HasMetadata desired) {
    try {
      return ResourceNames.sha256(CANONICAL.writeValueAsString(desired));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + desired.getKind(), e);
    }
  }
}
