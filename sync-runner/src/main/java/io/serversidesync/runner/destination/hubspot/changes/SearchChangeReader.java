package io.serversidesync.runner.destination.hubspot.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serversidesync.api.v1alpha1.DeletePolicy;
import io.serversidesync.runner.destination.ChangeCursor;
import io.serversidesync.runner.destination.ChangePage;
import io.serversidesync.runner.destination.ChangeReader;
import io.serversidesync.runner.destination.ChangedRecord;
import io.serversidesync.runner.destination.DeletionPage;
import io.serversidesync.runner.destination.DestinationException;
import io.serversidesync.runner.destination.DestinationException.Kind;
import io.serversidesync.runner.destination.hubspot.http.HubSpotHttp;
import io.serversidesync.runner.destination.hubspot.http.HubSpotReply;
import io.serversidesync.runner.destination.hubspot.properties.HubSpotProperty;
import io.serversidesync.runner.destination.hubspot.properties.ObjectProperties;
import io.serversidesync.runner.destination.hubspot.properties.PropertyType;
import io.serversidesync.runner.destination.ratelimit.TimeSource;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads changed records with HubSpot's search: {@code POST /crm/v3/objects/{objectType}/search}
 * filtered on the last-modified property ({@code GTE} the last position read), sorted ascending by
 * it, at most 200 per search, paged by position rather than offset ({@link SearchWindow} says why
 * and how ties are ordered). Searches are paced to HubSpot's 5 per second ({@link SearchPacer}) and
 * go through the sync's shared rate limiter like every other request; a 429 SECONDLY that still
 * happens (another client of the account) is handled by {@link HubSpotHttp}.
 *
 * <p>Deletions are not read: search does not return archived records, and HubSpot has no
 * deleted-records resource a private app can poll, so {@link #deletions} is always empty.
 */
public final class SearchChangeReader implements ChangeReader {

  /** HubSpot's limit of results per search. */
  static final int MAX_LIMIT = 200;

  /**
   * Below two, every full page is one millisecond and costs a second search ({@link SearchWindow}).
   */
  static final int MIN_LIMIT = 2;

  /**
   * Searches one read may send before it returns an empty page with a continuation: a page that
   * only switches {@link SearchWindow.Mode} or crosses a millisecond returns nothing, and the
   * caller asks again.
   */
  private static final int SEARCHES_PER_READ = 3;

  private static final Logger log = LoggerFactory.getLogger(SearchChangeReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotHttp http;
  private final String objectType;
  private final String uniqueProperty;
  private final String timeProperty;
  private final List<String> fields;
  private final List<PropertyType> types;
  private final List<String> requested;
  private final SearchPacer pacer;

  /**
   * @param target the object, its unique property and the mapped properties
   * @param properties the object type's properties as the preflight read them: the types decode the
   *     values, and name the last-modified property
   */
  public SearchChangeReader(
      HubSpotHttp http, SearchTarget target, ObjectProperties properties, TimeSource time) {
    this.http = http;
    this.objectType = target.objectType();
    this.uniqueProperty = target.uniqueProperty();
    this.timeProperty = lastModifiedProperty(properties);
    this.fields = target.properties();
    this.types =
        fields.stream()
            .map(f -> properties.property(f).map(HubSpotProperty::type).orElse(PropertyType.OTHER))
            .toList();
    Set<String> names = new LinkedHashSet<>(fields);
    names.add(uniqueProperty);
    names.add(SearchWindow.ID_PROPERTY);
    names.add(timeProperty);
    this.requested = List.copyOf(names);
    this.pacer = new SearchPacer(target.searchesPerSecond(), SearchPacer.WINDOW, time);
    if (target.deletes() == DeletePolicy.Delete) {
      log.info(
          "spec.deletes: Delete applies to rows deleted in Postgres only: HubSpot's search does"
              + " not return archived {} records, so a record deleted in HubSpot leaves its row"
              + " in place (its next change recreates the record)",
          objectType);
    }
  }

  /**
   * The property holding the modification time: contacts have {@code lastmodifieddate}, the other
   * objects {@code hs_lastmodifieddate}; the object's own properties decide, so a portal where
   * contacts lack the former still works.
   */
  static String lastModifiedProperty(ObjectProperties properties) {
    boolean contacts = properties.objectType().equalsIgnoreCase("contacts");
    String preferred = contacts ? "lastmodifieddate" : "hs_lastmodifieddate";
    String other = contacts ? "hs_lastmodifieddate" : "lastmodifieddate";
    if (properties.property(preferred).isEmpty() && properties.property(other).isPresent()) {
      return other;
    }
    return preferred;
  }

  /** The property searched and sorted on (for tests and logs). */
  String timeProperty() {
    return timeProperty;
  }

  @Override
  public ChangePage read(ChangeCursor after, String continuation, int pageSize)
      throws DestinationException {
    SearchWindow window = continuation == null ? SearchWindow.after(after) : resume(continuation);
    int limit = Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, pageSize));
    for (int i = 0; i < SEARCHES_PER_READ; i++) {
      Answer answer = search(window, limit);
      SearchWindow.Step<Hit> step;
      try {
        step = window.next(answer.hits(), Hit::position, answer.more());
      } catch (IllegalStateException e) {
        throw new DestinationException(Kind.TRANSIENT, "UnexpectedResponse", e.getMessage());
      }
      if (!step.records().isEmpty() || step.next() == null) {
        return new ChangePage(
            step.records().stream().map(Hit::record).toList(),
            step.next() == null ? null : step.next().encode());
      }
      window = step.next();
    }
    return new ChangePage(List.of(), window.encode());
  }

  private static SearchWindow resume(String continuation) throws DestinationException {
    try {
      return SearchWindow.decode(continuation);
    } catch (IllegalArgumentException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "ContinuationUnknown",
          e.getMessage() + "; reading again from the last mark");
    }
  }

  /** HubSpot search does not return archived records: deletions are not read back. */
  @Override
  public Optional<DeletionPage> deletions(Instant from, Instant now) {
    return Optional.empty();
  }

  /** A search's hits and whether more exist beyond them. */
  private record Answer(List<Hit> hits, boolean more) {}

  /** A record with its place in the change order. */
  record Hit(ChangedRecord record, SearchWindow.Position position) {}

  private Answer search(SearchWindow window, int limit) throws DestinationException {
    String body = SearchBody.of(window, timeProperty, requested, limit);
    SearchPacer.Slot slot;
    try {
      slot = pacer.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(
          Kind.TRANSIENT, "Interrupted", "stopped while pacing HubSpot searches", null, e);
    }
    HubSpotReply reply;
    try {
      reply = http.post("search", "crm/v3/objects/" + objectType + "/search", body);
    } finally {
      // counted until a window after the answer: HubSpot has received the search by then
      slot.close();
    }
    if (!reply.successful()) {
      throw refused(reply);
    }
    JsonNode root = parse(reply.body());
    List<Hit> hits = new ArrayList<>();
    for (JsonNode result : root.path("results")) {
      hits.add(hit(result));
    }
    boolean more =
        root.path("paging").path("next").has("after") || root.path("total").asLong(0) > hits.size();
    return new Answer(hits, more);
  }

  /** One result of a search (package-private for tests). */
  Hit hit(JsonNode result) throws DestinationException {
    JsonNode properties = result.path("properties");
    String id = PropertyDecoder.text(result.get("id"));
    if (id == null) {
      id = PropertyDecoder.text(properties.get(SearchWindow.ID_PROPERTY));
    }
    String modified = PropertyDecoder.text(properties.get(timeProperty));
    if (modified == null || modified.isEmpty()) {
      modified = PropertyDecoder.text(result.get("updatedAt"));
    }
    long numericId;
    Instant modifiedAt;
    try {
      if (id == null || modified == null) {
        throw new NumberFormatException("missing");
      }
      numericId = Long.parseLong(id);
      modifiedAt = PropertyDecoder.instant(modified);
    } catch (NumberFormatException | DateTimeException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "a "
              + objectType
              + " record in HubSpot's search answer has no numeric id or no "
              + timeProperty
              + " (id "
              + id
              + ", "
              + timeProperty
              + " "
              + modified
              + "); the poll is tried again");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      values.put(
          fields.get(i), PropertyDecoder.decode(properties.get(fields.get(i)), types.get(i)));
    }
    String key = PropertyDecoder.text(properties.get(uniqueProperty));
    ChangedRecord record =
        new ChangedRecord(
            Long.toString(numericId),
            key == null || key.isEmpty() ? null : key,
            modifiedAt,
            values);
    return new Hit(record, new SearchWindow.Position(modifiedAt, numericId));
  }

  private DestinationException refused(HubSpotReply reply) {
    String detail =
        "HTTP "
            + reply.status()
            + reply.error().map(e -> " " + e.describe()).filter(s -> !s.isBlank()).orElse("");
    if (reply.status() == 400 || reply.status() == 404) {
      // the same search fails the same way on every poll: stop and say what HubSpot refused
      return new DestinationException(
          Kind.CONFIGURATION,
          "ReverseReadRejected",
          "HubSpot refused to search changed "
              + objectType
              + " records ("
              + detail
              + "); two-way sync searches on "
              + timeProperty
              + " and reads the properties of spec.mapping: check that they exist and that the"
              + " private app has the scope crm.objects."
              + objectType
              + ".read");
    }
    return new DestinationException(
        Kind.TRANSIENT,
        "HubSpotUnexpected",
        "HubSpot answered "
            + detail
            + " to a search of "
            + objectType
            + "; the poll is tried again");
  }

  private static JsonNode parse(String body) throws DestinationException {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DestinationException(
          Kind.TRANSIENT,
          "UnexpectedResponse",
          "HubSpot's search answer is not JSON; the poll is tried again",
          null,
          e);
    }
  }
}
