package dev.wharf.connect.plugins;

/**
 * Makes a class loader the current thread's context class loader until {@link #close()}, which
 * restores the previous one. Plugin code (connectors, tasks, converters, their static initialisers)
 * must run with its own plugin loader as context loader, because libraries such as JDBC drivers,
 * Jackson modules or JAXB look classes up through it:
 *
 * <pre>{@code
 * try (LoaderScope scope = LoaderScope.enterFor(connector)) {
 *   connector.start(config);
 * }
 * }</pre>
 *
 * A scope belongs to the thread that entered it and must be closed on that thread.
 */
public final class LoaderScope implements AutoCloseable {
  private final Thread thread;
  private final ClassLoader previous;

  private LoaderScope(Thread thread, ClassLoader previous) {
    this.thread = thread;
    this.previous = previous;
  }

  /** Makes {@code loader} the context class loader of the current thread. */
  public static LoaderScope enter(ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    return new LoaderScope(thread, previous);
  }

  /** Makes the class loader that loaded {@code plugin}'s class the context class loader. */
  public static LoaderScope enterFor(Object plugin) {
    return enter(plugin.getClass().getClassLoader());
  }

  /** Restores the context class loader that was current when this scope was entered. */
  @Override
  public void close() {
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException(
          "A LoaderScope entered on thread "
              + thread.getName()
              + " is closed on thread "
              + Thread.currentThread().getName());
    }
    thread.setContextClassLoader(previous);
  }
}
