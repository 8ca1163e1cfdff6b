package io.serversidesync.runner.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger every part of the engine writes to. Operators read and filter the runner's lines by
 * {@code logger=SyncEngine}; splitting the engine into parts does not change that name.
 */
public final class EngineLog {

  public static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private EngineLog() {}
}
