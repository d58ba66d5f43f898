package dev.wharf.connect.storage;

/**
 * The state a user wants a connector in, as stored in the config topic. The names are Apache's:
 * {@code STARTED} is what the REST API shows as {@code RUNNING}; {@code STOPPED} (KIP-875) is
 * written as {@code PAUSED} in the legacy {@code state} field for workers that predate it.
 */
public enum TargetState {
  STARTED,
  PAUSED,
  STOPPED
}
