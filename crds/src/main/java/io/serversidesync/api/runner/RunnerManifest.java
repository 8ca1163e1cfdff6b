package io.serversidesync.api.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.util.Map;

/**
 * The manifest the runner reads (from its ConfigMap in a pod, from a file the harness writes
 * locally): the resource as the user wrote it (spec with the API server's defaults), the metadata
 * the runner needs (name, namespace, the replay-errors annotation) and nothing else. Secrets are
 * referenced by name, never copied in.
 */
public final class RunnerManifest {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RunnerManifest() {}

  /** The sync.yaml text for the runner. */
  public static String render(ServerSideSync sync) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", ServerSideSync.API_VERSION);
    root.put("kind", ServerSideSync.KIND);
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", sync.getMetadata().getName());
    metadata.put("namespace", sync.getMetadata().getNamespace());
    Map<String, String> annotations = sync.getMetadata().getAnnotations();
    String replay =
        annotations == null ? null : annotations.get(RunnerContract.REPLAY_ERRORS_ANNOTATION);
    if (replay != null) {
      metadata.putObject("annotations").put(RunnerContract.REPLAY_ERRORS_ANNOTATION, replay);
    }
    root.set("spec", YAML.valueToTree(sync.getSpec()));
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the runner manifest", e);
    }
  }
}
