package dev.wharf.connect.cluster;

import java.util.List;

/**
 * What a worker tells the group leader when it joins (the subscription's user data): who it is,
 * where its REST API answers, the work it holds now, and whether it is leaving the cluster.
 *
 * @param workerId the worker's id ({@code host:port} of its REST API), stable across restarts
 * @param url the base URL of its REST API, used for forwarding
 * @param connectors the connectors it runs now
 * @param tasks the tasks it runs now, as {@code connector-n}
 * @param leaving true when it is shutting down and has stopped its work, which the others take over
 *     at once (it then reports no work)
 */
record MemberState(
    String workerId, String url, List<String> connectors, List<String> tasks, boolean leaving) {}
