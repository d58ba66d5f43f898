package dev.wharf.connect.worker;

/** The observed state of a connector or task, as the status API reports it. */
public enum TaskState {
  UNASSIGNED,
  RUNNING,
  PAUSED,
  FAILED,
  RESTARTING,
  STOPPED
}
