package io.serversidesync.operator.events;

/**
 * An event about a sync, as {@code kubectl describe} shows it.
 *
 * @param type Normal or Warning
 * @param reason one CamelCase word
 * @param message what happened and, for a warning, what to do
 */
public record SyncEvent(EventType type, String reason, String message) {

  public static SyncEvent normal(String reason, String message) {
    return new SyncEvent(EventType.Normal, reason, message);
  }

  public static SyncEvent warning(String reason, String message) {
    return new SyncEvent(EventType.Warning, reason, message);
  }
}
