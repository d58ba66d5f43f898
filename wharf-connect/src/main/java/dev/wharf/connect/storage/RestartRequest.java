package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * A request, stored in the config topic so that the worker running the connector sees it, to
 * restart a connector and optionally its tasks ({@code includeTasks}), optionally only the failed
 * ones ({@code onlyFailed}).
 */
public record RestartRequest(String connector, boolean onlyFailed, boolean includeTasks) {

  public RestartRequest {
    Objects.requireNonNull(connector, "connector");
  }
}
