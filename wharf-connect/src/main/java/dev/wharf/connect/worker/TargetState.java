package dev.wharf.connect.worker;

/** What a user asked a connector and its tasks to be: Apache's target states. */
public enum TargetState {
  STARTED,
  PAUSED,
  STOPPED
}
