package dev.wharf.proxy.v3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the v3 envelope for one request: resources are {@code {"kind", "metadata": {"self",
 * "resource_name"}, ...}}, collections {@code {"kind", "metadata": {"self", "next"}, "data"}}, and
 * relationships {@code {"related": url}}, every URL absolute under this cluster's base.
 *
 * @param base the absolute URL of {@code /v3/clusters/{cluster_id}}
 * @param clusterId the cluster's id
 */
record V3Links(String base, String clusterId) {

  String url(String path) {
    return path.isEmpty() ? base : base + "/" + path;
  }

  Map<String, Object> resource(String kind, String path, String resourceName) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("self", url(path));
    metadata.put(
        "resource_name",
        "crn:///kafka=" + clusterId + (resourceName.isEmpty() ? "" : "/" + resourceName));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("metadata", metadata);
    body.put("cluster_id", clusterId);
    return body;
  }

  Map<String, Object> list(String kind, String path, List<?> data) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("self", url(path));
    metadata.put("next", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("metadata", metadata);
    body.put("data", data);
    return body;
  }

  Map<String, Object> related(String path) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("related", url(path));
    return link;
  }
}
