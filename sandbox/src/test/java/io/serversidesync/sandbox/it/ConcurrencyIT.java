package io.serversidesync.sandbox.it;

import static io.serversidesync.sandbox.it.Client.UPSERT_CONTACTS;
import static io.serversidesync.sandbox.it.Client.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ConcurrencyIT extends SandboxTestBase {
  static final int THREADS = 8;
  static final int REQUESTS = 10;

  private static String batch(int thread, int request, int firstKey) {
    List<String> records = new ArrayList<>();
    for (int k = firstKey; k < firstKey + 200; k++) {
      records.add(
          "\"Customer_Ref__c\":\"K-" + k + "\",\"LastName\":\"t" + thread + "-r" + request + "\"");
    }
    return contacts(false, records.toArray(String[]::new));
  }

  @Test
  void parallelUpsertsOfSharedKeysCreateOneRecordPerKeyWithUniqueIds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int r = 0; r < REQUESTS; r++) {
                    // Every thread walks the same 1,000 keys in windows of 200.
                    Client.Reply reply =
                        client.patch(UPSERT_CONTACTS, batch(thread, r, (r % 5) * 200));
                    if (reply.status() == 200) {
                      for (var res : reply.json()) {
                        ok += res.get("success").asBoolean() ? 1 : 0;
                      }
                    }
                  }
                  return ok;
                }));
      }
      int succeeded = 0;
      for (Future<Integer> f : results) {
        succeeded += f.get(2, TimeUnit.MINUTES);
      }
      assertThat(succeeded).isEqualTo(THREADS * REQUESTS * 200);
    } finally {
      pool.shutdownNow();
    }
    List<Map<String, Object>> records = sandbox.records("Contact");
    assertThat(records).hasSize(1_000);
    Set<Object> ids = new HashSet<>();
    Set<Object> keys = new HashSet<>();
    records.forEach(r -> ids.add(r.get("Id")));
    records.forEach(r -> keys.add(r.get("Customer_Ref__c")));
    assertThat(ids).hasSize(1_000);
    assertThat(keys).hasSize(1_000);
    assertThat(sandbox.stats().records("created")).isEqualTo(1_000);
    assertThat(sandbox.stats().records("updated")).isEqualTo(THREADS * REQUESTS * 200 - 1_000);
  }

  @Test
  void parallelWritersLoseNoUpdateOfTheirOwnKeys() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < REQUESTS; r++) {
                    assertThat(
                            client.patch(UPSERT_CONTACTS, batch(thread, r, thread * 200)).status())
                        .isEqualTo(200);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Map<String, Object>> records = sandbox.records("Contact");
    assertThat(records).hasSize(THREADS * 200);
    for (Map<String, Object> r : records) {
      int key = Integer.parseInt(((String) r.get("Customer_Ref__c")).substring(2));
      assertThat(r.get("LastName")).isEqualTo("t" + key / 200 + "-r" + (REQUESTS - 1));
    }
  }
}
