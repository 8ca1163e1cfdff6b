package io.serversidesync.reliability.chaos;

/** When the harness kills the runner, as observed from outside the runner process. */
public enum KillMoment {
  /** Phase Snapshotting and the destination already received part of the snapshot. */
  SNAPSHOT("during the initial snapshot"),
  /** A Bulk API ingest job the runner created has not finished. */
  BULK_JOB("during a Bulk API job"),
  /** The destination holds a change whose commit lies past the slot's confirmed LSN. */
  ACK_BEFORE_CONFIRM("between a destination ack and the slot confirm"),
  /** After a random delay, whatever the runner is doing. */
  RANDOM("at a random moment");

  private final String description;

  KillMoment(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Whether the moment can only come once the runner streams (its snapshot delivered). */
  public boolean whileStreaming() {
    return this == BULK_JOB || this == ACK_BEFORE_CONFIRM;
  }
}
