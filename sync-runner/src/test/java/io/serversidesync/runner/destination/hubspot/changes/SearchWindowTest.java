package io.serversidesync.runner.destination.hubspot.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Filter;
import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Mode;
import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Position;
import io.serversidesync.runner.destination.hubspot.changes.SearchWindow.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How a read pages through HubSpot's search by position, in ChangeCursor.ORDER. */
class SearchWindowTest {

  private static final String TIME = FakeSearchIndex.TIME;
  private static final Instant T = Instant.parse("2026-12-04T11:00:00.123Z");

  private static Position at(Instant at, long id) {
    return new Position(at, id);
  }

  private static <T> Step<Position> next(SearchWindow w, List<Position> hits, boolean more) {
    return w.next(hits, Function.identity(), more);
  }

  @Test
  void theFirstReadSearchesEverythingSortedByTime() {
    SearchWindow w = SearchWindow.after(ChangeCursor.START);
    assertThat(w.filters(TIME)).isEmpty();
    assertThat(w.sortProperty(TIME)).isEqualTo(TIME);
  }

  @Test
  void aReadAfterTheMarkSearchesFromItsMillisecondAndDropsWhatIsNotAfterItNumerically() {
    SearchWindow w = SearchWindow.after(new ChangeCursor(T, "99"));
    assertThat(w.filters(TIME))
        .containsExactly(new Filter(TIME, "GTE", Long.toString(T.toEpochMilli())));

    Step<Position> step =
        next(w, List.of(at(T, 42), at(T, 99), at(T, 100), at(T.plusMillis(1), 7)), false);

    // "100" sorts before "99" as text; as HubSpot ids (numbers) it comes after
    assertThat(step.records()).containsExactly(at(T, 100), at(T.plusMillis(1), 7));
    assertThat(step.next()).isNull();
  }

  @Test
  void aFullPageIsCutBeforeItsLastMillisecondWhichTheNextSearchReadsWhole() {
    SearchWindow w = SearchWindow.after(ChangeCursor.START);
    Step<Position> step =
        next(w, List.of(at(T, 5), at(T, 3), at(T.plusMillis(2), 9), at(T.plusMillis(2), 1)), true);

    assertThat(step.records()).containsExactly(at(T, 3), at(T, 5));
    assertThat(step.next()).isEqualTo(new SearchWindow(Mode.BY_TIME, T.plusMillis(2), null));
  }

  @Test
  void aPageFilledByOneMillisecondPagesThatMillisecondByIdThenGoesOn() {
    SearchWindow w = SearchWindow.after(new ChangeCursor(T, "4"));
    Step<Position> step = next(w, List.of(at(T, 9), at(T, 2), at(T, 4), at(T, 6)), true);

    assertThat(step.records()).isEmpty();
    SearchWindow tie = step.next();
    assertThat(tie).isEqualTo(new SearchWindow(Mode.ONE_MILLISECOND, T, at(T, 4)));
    assertThat(tie.filters(TIME))
        .containsExactly(
            new Filter(TIME, "GTE", Long.toString(T.toEpochMilli())),
            new Filter(TIME, "LT", Long.toString(T.toEpochMilli() + 1)),
            new Filter("hs_object_id", "GT", "4"));
    assertThat(tie.sortProperty(TIME)).isEqualTo("hs_object_id");

    Step<Position> more = next(tie, List.of(at(T, 5), at(T, 6)), true);
    assertThat(more.records()).containsExactly(at(T, 5), at(T, 6));
    assertThat(more.next()).isEqualTo(new SearchWindow(Mode.ONE_MILLISECOND, T, at(T, 6)));

    Step<Position> last = next(more.next(), List.of(at(T, 11)), false);
    assertThat(last.records()).containsExactly(at(T, 11));
    assertThat(last.next()).isEqualTo(new SearchWindow(Mode.BY_TIME, T.plusMillis(1), null));
  }

  @Test
  void aContinuationNamesTheSearchAndAnythingElseIsRefused() {
    for (SearchWindow w :
        List.of(
            SearchWindow.after(ChangeCursor.START),
            SearchWindow.after(new ChangeCursor(T, "512")),
            new SearchWindow(Mode.ONE_MILLISECOND, T, at(T, 7)))) {
      assertThat(SearchWindow.decode(w.encode())).isEqualTo(w);
    }
    assertThatThrownBy(() -> SearchWindow.decode("https://api.hubapi.com/next"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SearchWindow.decode("hs1;SIDEWAYS;;;"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moreThanTenThousandRecordsInOneMillisecondAreReadOnceInOrderWithoutOffsets() {
    FakeSearchIndex index = new FakeSearchIndex(1);
    index.put(1, T.minusMillis(1));
    for (long id = 2; id <= 10_500; id++) {
      index.put(id, T);
    }
    index.put(20_000, T.plusMillis(1));

    List<Position> read = readAll(index, ChangeCursor.START, 200, (n, i) -> {});

    assertThat(read).hasSize(10_501).isSortedAccordingTo(Position.ORDER).doesNotHaveDuplicates();
  }

  @Test
  void everyChangeIsReadOnceInOrderWhateverTheTiesAndThePageSize() {
    for (int limit : new int[] {2, 3, 7, 200}) {
      FakeSearchIndex index = new FakeSearchIndex(limit);
      long id = 1;
      for (int ms = 0; ms < 40; ms++) {
        for (int k = 0; k < ms % 9; k++) {
          index.put(id++ * 37 % 1000, T.plusMillis(ms)); // ids of 1 to 3 digits, out of order
        }
      }
      List<Position> all = readAll(index, ChangeCursor.START, 200, (n, i) -> {});
      List<Position> paged = readAll(index, ChangeCursor.START, limit, (n, i) -> {});
      assertThat(paged).as("limit " + limit).isEqualTo(all).isSortedAccordingTo(Position.ORDER);
      assertThat(paged).doesNotHaveDuplicates();

      Position mark = paged.get(paged.size() / 2);
      List<Position> rest =
          readAll(
              index, new ChangeCursor(mark.at(), Long.toString(mark.id())), limit, (n, i) -> {});
      assertThat(rest).isEqualTo(paged.subList(paged.size() / 2 + 1, paged.size()));
    }
  }

  @Test
  void aRecordModifiedWhileTheReadPagesLosesNoOtherRecord() {
    // with offset paging the record behind a moved one would be skipped
    FakeSearchIndex index = new FakeSearchIndex(7);
    for (long id = 1; id <= 50; id++) {
      index.put(id, T.plusMillis(id));
    }
    Map<Long, Instant> latest = new HashMap<>();
    List<Position> read =
        readAll(
            index,
            ChangeCursor.START,
            5,
            (searches, idx) -> {
              if (searches % 2 == 0) {
                long moved = searches; // an early record moves to the end
                Instant now = T.plusSeconds(1).plusMillis(searches);
                idx.put(moved, now);
                latest.put(moved, now);
              }
            });

    for (long id = 1; id <= 50; id++) {
      long key = id;
      Instant last = latest.getOrDefault(id, T.plusMillis(id));
      assertThat(read).as("record " + id).anyMatch(p -> p.id() == key && p.at().equals(last));
    }
    assertThat(read).isSortedAccordingTo(Position.ORDER);
  }

  /** A change between two searches: the number of searches so far, the index. */
  private interface Between {
    void change(int searches, FakeSearchIndex index);
  }

  private static List<Position> readAll(
      FakeSearchIndex index, ChangeCursor mark, int limit, Between between) {
    List<Position> out = new ArrayList<>();
    SearchWindow w = SearchWindow.after(mark);
    for (int guard = 0; guard < 100_000; guard++) {
      FakeSearchIndex.Result r = index.search(w, limit);
      Step<Position> step = w.next(r.hits(), Function.identity(), r.more());
      out.addAll(step.records());
      if (step.next() == null) {
        return out;
      }
      w = step.next();
      between.change(index.searches, index);
    }
    throw new AssertionError("the read does not end");
  }
}
