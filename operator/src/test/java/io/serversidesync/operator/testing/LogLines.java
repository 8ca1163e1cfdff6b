package io.serversidesync.operator.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the operator's structured log lines (logback.xml: logfmt or JSON). */
public final class LogLines {

  // possessive quantifiers: a long quoted value (a stack trace) must not overflow the regex stack
  private static final String VALUE = "(?:\"(?:[^\"\\\\]++|\\\\.)*+\"|[^\\s\"]*+)";
  private static final Pattern PAIR = Pattern.compile("([a-z]+)=(" + VALUE + ")");

  /** One logfmt line: key=value pairs only, values with spaces quoted, quotes escaped. */
  public static final String LOGFMT = "[a-z]+=" + VALUE + "(?: [a-z]+=" + VALUE + ")*";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogLines() {}

  /** The pairs of a logfmt line, values unquoted and unescaped. */
  public static Map<String, String> logfmt(String line) {
    if (!line.matches(LOGFMT)) {
      throw new IllegalArgumentException("not a logfmt line: " + line);
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher m = PAIR.matcher(line);
    while (m.find()) {
      String value = m.group(2);
      if (value.startsWith("\"")) {
        value = unescape(value.substring(1, value.length() - 1));
      }
      pairs.put(m.group(1), value);
    }
    return pairs;
  }

  /** One JSON line. */
  public static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON line: " + line, e);
    }
  }

  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        char next = quoted.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
