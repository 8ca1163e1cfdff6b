package io.serversidesync.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.serversidesync.api.v1alpha1.ServerSideSync;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs Fabric8's CRD generator over the model at build time (see crds/pom.xml).
 *
 * <p>The Maven plugin would do, except that it sorts printer columns by JSON path; kubectl shows
 * columns in CRD order, and users expect READY, PHASE, LAG, CALLS-SAVED, AGE as declared on {@link
 * ServerSideSync}. The post-processors restore the declaration order and say what the annotations
 * cannot: that conditions are a list keyed by type with RFC 3339 times.
 */
public final class CrdGenerator {

  private CrdGenerator() {}

  /**
   * Writes the CRD YAML and the configuration reference rendered from it into the given directory.
   *
   * @param args one argument: the output directory
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CrdGenerator <output directory>");
    }
    File outputDir = new File(args[0]);
    if (!outputDir.isDirectory() && !outputDir.mkdirs()) {
      throw new IllegalStateException("cannot create " + outputDir);
    }
    int generated =
        new io.fabric8.crdv2.generator.CRDGenerator()
            .customResourceClasses(ServerSideSync.class)
            .forCRDVersions("v1")
            .withParallelGenerationEnabled(false)
            .withPostProcessor(
                new CRDPostProcessor() {
                  @Override
                  public HasMetadata process(HasMetadata crd, String version) {
                    return new ConditionsByType()
                        .process(new DeclaredPrinterColumnOrder().process(crd, version), version);
                  }
                })
            .inOutputDir(outputDir)
            .generate();
    if (generated != 1) {
      throw new IllegalStateException("expected one CRD, generated " + generated);
    }
    try {
      ConfigurationReference.write(
          outputDir.toPath().resolve("serversidesyncs.serversidesync.io-v1.yml"),
          outputDir.toPath().resolve("configuration.md"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration reference", e);
    }
  }

  /**
   * Orders printer columns as the annotations on {@link ServerSideSync} declare them, and gives the
   * root schema the class description (the generator documents only properties).
   */
  static final class DeclaredPrinterColumnOrder implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      List<String> declared =
          Arrays.stream(ServerSideSync.class.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      JsonClassDescription description =
          ServerSideSync.class.getAnnotation(JsonClassDescription.class);
      ((CustomResourceDefinition) crd)
          .getSpec()
          .getVersions()
          .forEach(
              version -> {
                version.getSchema().getOpenAPIV3Schema().setDescription(description.value());
                version
                    .getAdditionalPrinterColumns()
                    .sort(
                        Comparator.comparingInt(
                            (CustomResourceColumnDefinition column) ->
                                declared.indexOf(column.getName())));
              });
      return crd;
    }
  }

  /**
   * Marks {@code status.conditions} as a list keyed by {@code type} (server-side apply and kubectl
   * merge conditions per type, as for every Kubernetes condition list) and their times as RFC 3339
   * date-times. The generator has no annotation for either.
   */
  static final class ConditionsByType implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      ((CustomResourceDefinition) crd)
          .getSpec()
          .getVersions()
          .forEach(
              version -> {
                JSONSchemaProps conditions =
                    version
                        .getSchema()
                        .getOpenAPIV3Schema()
                        .getProperties()
                        .get("status")
                        .getProperties()
                        .get("conditions");
                conditions.setXKubernetesListType("map");
                conditions.setXKubernetesListMapKeys(List.of("type"));
                conditions
                    .getItems()
                    .getSchema()
                    .getProperties()
                    .get("lastTransitionTime")
                    .setFormat("date-time");
              });
      return crd;
    }
  }
}
