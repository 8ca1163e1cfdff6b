package io.serversidesync.runner.reverse.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.DestinationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PageReadsTest {

  @Test
  void theNextPageIsReadOnAnotherThreadWhileTheCallerWorks() throws Exception {
    CountDownLatch applying = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    try (PageReads reads = new PageReads()) {
      PageReads.Next next =
          reads.start(
              () -> {
                // the read goes ahead while the caller still applies the page before
                awaitQuietly(applying);
                read.countDown();
                return new ChangePage(List.of(), "next");
              });
      applying.countDown();
      assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(next.get().continuation()).isEqualTo("next");
    }
  }

  @Test
  void aFailedReadIsThrownAsTheDestinationsFailure() {
    DestinationException failure =
        new DestinationException(
            DestinationException.Kind.THROTTLED, "REQUEST_LIMIT_EXCEEDED", "too many requests");
    try (PageReads reads = new PageReads()) {
      PageReads.Next next =
          reads.start(
              () -> {
                throw failure;
              });
      assertThatThrownBy(next::get).isSameAs(failure);
    }
  }

  @Test
  void aReadNoLongerWantedIsDroppedAndLaterReadsStillRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PageReads reads = new PageReads()) {
      PageReads.Next dropped =
          reads.start(
              () -> {
                awaitQuietly(release);
                return new ChangePage(List.of(), "dropped");
              });
      PageReads.cancel(dropped);
      PageReads.cancel(null);
      release.countDown();
      PageReads.Next later = reads.start(() -> new ChangePage(List.of(), null));
      assertThat(later.get().last()).isTrue();
      assertThatThrownBy(dropped::get).isInstanceOf(InterruptedException.class);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
