package io.serversidesync.runner.destination.salesforce.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org-wide usage in {@code Sforce-Limit-Info: api-usage=<used>/<max>}; newer orgs append other
 * parts ({@code ; api-bursts=<n>/<m>}) in any order, so the header is searched, not parsed
 * positionally.
 *
 * @param used requests of every integration in the rolling 24 hours
 * @param max the org's allocation
 */
public record LimitInfo(long used, long max) {

  public static final String HEADER = "Sforce-Limit-Info";

  private static final Pattern API_USAGE =
      Pattern.compile("(?:^|[;,\\s])api-usage\\s*=\\s*(\\d{1,18})\\s*/\\s*(\\d{1,18})");

  /** The usage in a header value, if it has a well-formed api-usage part. */
  public static Optional<LimitInfo> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher matcher = API_USAGE.matcher(header.trim());
    if (!matcher.find()) {
      return Optional.empty();
    }
    long used = Long.parseLong(matcher.group(1));
    long max = Long.parseLong(matcher.group(2));
    return max > 0 ? Optional.of(new LimitInfo(used, max)) : Optional.empty();
  }
}
