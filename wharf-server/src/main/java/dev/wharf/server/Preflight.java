package dev.wharf.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks made before anything starts, so a bad port or directory is reported in one line and
 * nothing is left half-running.
 */
final class Preflight {
  private Preflight() {}

  /** Fails when {@code port} (named by {@code key}) cannot be bound on {@code host}. */
  static void portIsFree(String host, int port, String key) {
    if (port == 0) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UsageException("listeners.host: unknown host '" + host + "'");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      throw new UsageException(
          "port " + port + " (" + key + ") on " + host + " is already in use or not bindable");
    } catch (IOException e) {
      throw new UsageException(
          "cannot bind port " + port + " (" + key + ") on " + host + ": " + e.getMessage());
    }
  }

  /** Creates {@code dir} when missing and fails unless a file can be written in it. */
  static Path writableDirectory(Path dir, String key) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
      Path probe = Files.createTempFile(absolute, ".wharf-write-check", "");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UsageException(
          key + ": directory " + absolute + " is not writable (" + describe(e) + ")");
    }
    return absolute;
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file with that name exists";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getClass().getSimpleName();
  }
}
