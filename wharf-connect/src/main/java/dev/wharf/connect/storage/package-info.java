/**
 * The storage layer of the Connect runtime: connector and task configs ({@link
 * dev.wharf.connect.storage.ConfigStore}), source offsets ({@link
 * dev.wharf.connect.storage.OffsetStore}) and statuses ({@link
 * dev.wharf.connect.storage.StatusStore}), each with a Kafka-topic implementation for distributed
 * workers and an in-memory or file one for standalone workers, bundled by {@link
 * dev.wharf.connect.storage.ConnectStorage}. Records are keyed and serialized exactly as Apache
 * Kafka Connect 4.3 does (Apache's JsonConverter without schemas), so a cluster's internal topics
 * and a standalone offset file can move between Apache Connect and Wharf in either direction.
 */
package dev.wharf.connect.storage;
