package io.serversidesync.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRD the build generated (target/classes/META-INF/fabric8) and the chart's copy. */
final class GeneratedCrd {

  static final String RESOURCE = "META-INF/fabric8/serversidesyncs.serversidesync.io-v1.yml";
  static final Path CHART_COPY =
      Path.of(
          "..",
          "charts",
          "serversidesync-operator",
          "crds",
          "serversidesyncs.serversidesync.io-v1.yml");

  private static final ObjectMapper YAML = new YAMLMapper();

  private GeneratedCrd() {}

  static String text() {
    try (InputStream in = GeneratedCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing: the build did not generate the CRD");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree() {
    try {
      return YAML.readTree(text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the only version. */
  static JsonNode schema() {
    return tree().at("/spec/versions/0/schema/openAPIV3Schema");
  }

  static String chartCopy() throws IOException {
    return Files.readString(CHART_COPY);
  }
}
