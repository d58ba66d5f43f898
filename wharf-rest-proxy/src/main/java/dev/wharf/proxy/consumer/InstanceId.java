package dev.wharf.proxy.consumer;

import dev.wharf.core.http.HttpError;

/** A consumer instance's address: its group and its name within the group on this proxy. */
record InstanceId(String group, String name) {

  HttpError notFound() {
    return new HttpError(
        404, 40403, "Consumer instance '" + name + "' not found in group '" + group + "'.");
  }

  @Override
  public String toString() {
    return group + "/" + name;
  }
}
