package dev.wharf.connect.plugins;

/**
 * A library class on the worker's class path; one fixture plugin bundles its own copy of it, to
 * show that a plugin's own classes win over the worker's.
 */
public final class SharedLibrary {
  private SharedLibrary() {}

  public static String origin() {
    return "worker";
  }
}
