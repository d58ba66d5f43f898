// The Kafka cluster id, which every v3 REST Proxy path starts with.
import { api } from './api.js';

let clusterId = null;

export async function cluster() {
  if (!clusterId) {
    const answer = await api('proxy', '/v3/clusters', { quiet: true });
    clusterId = answer.data[0].cluster_id;
  }
  return clusterId;
}
