package dev.wharf.connect.worker;

/** Told when a connector calls {@code requestTaskReconfiguration()}. */
@FunctionalInterface
public interface TaskReconfigurationListener {
  void onTaskReconfigurationRequested(String connector);
}
