package dev.wharf.server;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One terminal line that says what {@code wharf start} is waiting for ("starting Connect, REST
 * Proxy… 2.4 s"), redrawn in place while services start. It is drawn only when standard output is a
 * terminal: piped or captured output (scripts, tests) gets the plain service lines alone. Service
 * lines go through {@link #println(String)}, which erases the progress line first so the two never
 * mix.
 */
final class ProgressLine implements AutoCloseable {
  private static final String[] SPINNER = {"|", "/", "-", "\\"};

  private final PrintWriter out;
  private final boolean drawn;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private String step = "";
  private int width;
  private int frame;

  /** A progress line on {@code out}, drawn only when {@code drawn} (the output is a terminal). */
  ProgressLine(PrintWriter out, boolean drawn) {
    this.out = out;
    this.drawn = drawn;
    if (drawn) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "wharf-progress");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** A progress line drawn only when this process writes to a terminal. */
  static ProgressLine forTerminal(PrintWriter out) {
    return new ProgressLine(out, System.console() != null);
  }

  /** Says what is being waited for now. */
  synchronized void step(String text) {
    step = text;
    redraw();
  }

  /** Prints a line of its own above the progress line. */
  synchronized void println(String line) {
    erase();
    out.println(line);
    out.flush();
    redraw();
  }

  private synchronized void redraw() {
    if (!drawn || step.isEmpty()) {
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String text =
        String.format(
            Locale.ROOT,
            "%s starting %s… %.1f s",
            SPINNER[frame++ % SPINNER.length],
            step,
            seconds);
    out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    out.flush();
    width = text.length();
  }

  private void erase() {
    if (drawn && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      width = 0;
    }
  }

  /** Stops redrawing and erases the line. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    step = "";
    erase();
    out.flush();
  }
}
