// Connector metrics (GET /connectors/{name}/metrics), kept as a short history per connector for
// the sparklines. A worker without the endpoint answers 404: then the page says "not available".
import { api, enc } from './api.js';

const HISTORY = 30;
const history = new Map();
let unavailable = false;

export function metricsUnavailable() {
  return unavailable;
}

/** Fetches the connector's metrics and records its throughput; null when not available. */
export async function fetchMetrics(name) {
  if (unavailable) return null;
  try {
    const metrics = await api('connect', `/connectors/${enc(name)}/metrics`, { quiet: true });
    const values = history.get(name) || [];
    values.push((metrics.records_in_per_sec || 0) + (metrics.records_out_per_sec || 0));
    if (values.length > HISTORY) values.shift();
    history.set(name, values);
    return metrics;
  } catch (e) {
    if (e.status === 404 && /^HTTP 404/.test(e.message || "")) unavailable = true;
    return null;
  }
}

export function throughputHistory(name) {
  return history.get(name) || [];
}
