package io.serversidesync.operator.events;

/** Kubernetes event types. */
public enum EventType {
  Normal,
  Warning
}
