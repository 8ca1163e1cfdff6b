package io.serversidesync.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.builder.Builder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runner's jar carries only the Kubernetes classes a ServerSideSync needs: it is a
 * CustomResource (kubernetes-client-api) with core metadata and quantities (kubernetes-model-core
 * and -common). The API group models (apps, batch, networking, …: some 4,200 classes) came with the
 * client API and were never loaded.
 */
@Tag("integration") // reads the shaded jar, which exists from the package phase on
class RunnerJarIT {

  @Test
  void holdsNoKubernetesClassesBeyondWhatAServerSideSyncNeeds() throws Exception {
    Set<String> needed = new HashSet<>();
    for (Class<?> fromArtifact :
        List.of(
            CustomResource.class, // kubernetes-client-api
            Quantity.class, // kubernetes-model-core
            Builder.class, // kubernetes-model-common
            AdditionalPrinterColumn.class)) { // generator-annotations
      needed.addAll(fabric8Classes(jarOf(fromArtifact)));
    }

    Set<String> shipped = fabric8Classes(Path.of("target/sync-runner.jar"));

    assertThat(shipped).as("the runner jar holds the ServerSideSync model").isNotEmpty();
    Set<String> extra =
        shipped.stream().filter(c -> !needed.contains(c)).collect(Collectors.toSet());
    assertThat(extra)
        .as(
            "Fabric8 classes from other artifacts (exclude them from the crds dependency in"
                + " sync-runner/pom.xml)")
        .isEmpty();
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Set<String> fabric8Classes(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("io/fabric8/") && n.endsWith(".class"))
          .collect(Collectors.toSet());
    }
  }
}
