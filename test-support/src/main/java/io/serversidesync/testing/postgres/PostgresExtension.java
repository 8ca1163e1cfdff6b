package io.serversidesync.testing.postgres;

import io.serversidesync.harness.postgres.PostgresCluster;
import io.serversidesync.harness.postgres.PostgresDatabase;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL: one disposable cluster per test JVM (started on first use by
 * scripts/pg-up.sh, stopped when the JVM's test run ends) and a fresh database per test class.
 *
 * <p>Inject {@link PostgresDatabase} or {@link PostgresCluster} into test methods, constructors or
 * lifecycle methods.
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final String CLUSTER = "cluster";
  private static final String DATABASE = "database";

  @Override
  public void beforeAll(ExtensionContext context) {
    PostgresCluster cluster = cluster(context);
    String name =
        ("t_"
                + context.getRequiredTestClass().getSimpleName()
                + "_"
                + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    if (name.length() > 63) {
      name = name.substring(0, 54) + name.substring(name.length() - 9);
    }
    context.getStore(NAMESPACE).put(DATABASE, cluster.createDatabase(name));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    PostgresDatabase database =
        context.getStore(NAMESPACE).remove(DATABASE, PostgresDatabase.class);
    if (database != null) {
      database.cluster().dropDatabase(database.name());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PostgresDatabase.class || type == PostgresCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == PostgresCluster.class) {
      return cluster(context);
    }
    PostgresDatabase database = context.getStore(NAMESPACE).get(DATABASE, PostgresDatabase.class);
    if (database == null) {
      throw new IllegalStateException("PostgresDatabase is available once the test class started");
    }
    return database;
  }

  /** The JVM-wide cluster, started once and closed with the root context. */
  private static PostgresCluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            CLUSTER, key -> new ClusterResource(PostgresCluster.start()), ClusterResource.class)
        .cluster();
  }

  /** Stops the cluster when JUnit closes the root store at the end of the run. */
  private record ClusterResource(PostgresCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
