package dev.wharf.connect.herder;

/**
 * A request this worker must not serve itself: the leader (for config writes) or the owner of a
 * connector or task (for its restart) is another worker, at {@link #targetUrl()}. The REST layer
 * re-issues the request there, as Apache's {@code NotLeaderException} / {@code
 * NotAssignedException} are.
 */
public final class ForwardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String targetUrl;

  public ForwardException(String targetUrl, String message) {
    super(message);
    this.targetUrl = targetUrl;
  }

  public String targetUrl() {
    return targetUrl;
  }
}
