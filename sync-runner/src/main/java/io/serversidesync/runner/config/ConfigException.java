package io.serversidesync.runner.config;

/** The manifest or the Secrets cannot be used; the message says what to fix. */
public class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }
}
