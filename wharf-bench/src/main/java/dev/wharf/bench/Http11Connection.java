package dev.wharf.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection, used by one thread: requests go out one at a time on the same
 * socket and each response is read whole (by Content-Length or chunked) before the next request. A
 * server that closes the connection or answers {@code Connection: close} fails the exchange, so a
 * benchmark that finishes has reused its connections throughout. Far lighter on the CPU than a
 * general client, which matters when the load generator shares the machine with the server.
 */
final class Http11Connection implements AutoCloseable {
  /** A whole response. */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String hostHeader;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  Http11Connection(URI base) throws IOException {
    this.hostHeader = base.getHost() + ":" + base.getPort();
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
    socket.setSoTimeout(60_000);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /** Sends one request and reads its whole response; {@code body} may be null. */
  Response exchange(String method, String target, String contentType, String accept, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader).append("\r\n");
    if (accept != null) {
      head.append("Accept: ").append(accept).append("\r\n");
    }
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return readResponse(method);
  }

  private Response readResponse(String method) throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean close = parts[0].equals("HTTP/1.0");
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close");
        default -> {}
      }
    }
    byte[] body;
    if (method.equals("HEAD") || status == 204 || status == 304) {
      body = new byte[0];
    } else if (chunked) {
      body = chunkedBody();
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("the response ended after " + body.length + " of " + length);
      }
    } else {
      throw new IOException("a response without a length would end the connection");
    }
    if (close) {
      throw new IOException("the server closed the keep-alive connection (status " + status + ")");
    }
    return new Response(status, body);
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("the response ended inside a chunk");
      }
      body.write(chunk);
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
