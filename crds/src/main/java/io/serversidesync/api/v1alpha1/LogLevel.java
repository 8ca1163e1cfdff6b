package io.serversidesync.api.v1alpha1;

/** Log levels the runner accepts. */
public enum LogLevel {
  ERROR,
  WARN,
  INFO,
  DEBUG,
  TRACE
}
