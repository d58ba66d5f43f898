package dev.wharf.connect.storage;

/**
 * The observed state of a connector or task, named as Apache Connect names it in the status topic
 * and the REST API. {@code DESTROYED} is never stored: writing it deletes the status.
 */
public enum StatusState {
  UNASSIGNED,
  RUNNING,
  PAUSED,
  FAILED,
  DESTROYED,
  RESTARTING,
  STOPPED
}
