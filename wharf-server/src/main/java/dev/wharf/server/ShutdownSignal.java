package dev.wharf.server;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into an orderly stop: the first signal releases {@link #await()} so the
 * caller can close everything and exit 0. A second Ctrl+C (SIGINT) during that stop halts at once;
 * repeated SIGTERMs, which process supervisors may send to a whole process group, are ignored.
 */
final class ShutdownSignal {
  private final CountDownLatch received = new CountDownLatch(1);

  private ShutdownSignal() {}

  static ShutdownSignal install() {
    ShutdownSignal signal = new ShutdownSignal();
    Signal.handle(new Signal("INT"), s -> signal.onSignal(s));
    Signal.handle(new Signal("TERM"), s -> signal.onSignal(s));
    return signal;
  }

  private void onSignal(Signal signal) {
    if (received.getCount() == 0 && "INT".equals(signal.getName())) {
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    received.countDown();
  }

  void await() throws InterruptedException {
    received.await();
  }
}
