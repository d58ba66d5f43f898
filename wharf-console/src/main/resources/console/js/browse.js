// Reads records of a topic through a short-lived REST Proxy v2 consumer instance: assigned to the
// chosen partitions, positioned at the latest N, an offset or a time, read until enough records came
// or the partitions are drained, then deleted.
import { api, enc } from './api.js';

const V2 = 'application/vnd.kafka.v2+json';
const MAX_POLLS = 15;

/**
 * `partitions`: [{partition, beginning_offset, end_offset}]; `mode`: latest | offset | time;
 * `format`: binary | json | avro | jsonschema. Resolves with the records, by partition and offset.
 */
export async function browse(topic, partitions, { mode, n, offset, time, format }) {
  const group = `wharf-console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await api('proxy', `/consumers/${enc(group)}`, {
    method: 'POST',
    type: V2,
    body: { name: 'browser', format, 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false' },
  });
  const instance = `/consumers/${enc(group)}/instances/${enc(created.instance_id)}`;
  try {
    await api('proxy', `${instance}/assignments`, {
      method: 'POST', type: V2, body: { partitions: partitions.map((p) => ({ topic, partition: p.partition })) },
    });
    let expected = 0;
    if (mode === 'time') {
      await api('proxy', `${instance}/positions`, {
        method: 'POST', type: V2,
        body: { timestamps: partitions.map((p) => ({ topic, partition: p.partition, timestamp: new Date(time).toISOString() })) },
      });
      expected = n;
    } else {
      const offsets = partitions.map((p) => {
        const start = mode === 'latest'
          ? Math.max(p.beginning_offset, p.end_offset - n)
          : Math.min(Math.max(p.beginning_offset, offset), p.end_offset);
        expected += Math.min(n, p.end_offset - start);
        return { topic, partition: p.partition, offset: start };
      });
      await api('proxy', `${instance}/positions`, { method: 'POST', type: V2, body: { offsets } });
    }
    const records = [];
    let empty = 0;
    for (let poll = 0; poll < MAX_POLLS && records.length < expected && empty < 3; poll++) {
      const batch = await api('proxy', `${instance}/records?timeout=1000`, { accept: `application/vnd.kafka.${format}.v2+json` });
      if (!batch.length) empty++;
      records.push(...batch);
    }
    const limit = mode === 'latest' ? Infinity : n;
    return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset).slice(0, limit);
  } finally {
    api('proxy', instance, { method: 'DELETE', type: V2, quiet: true }).catch(() => {});
  }
}

/** Shows a record key or value: JSON pretty, binary as UTF-8 text when printable, else base64. */
export function display(value, format) {
  if (value === null || value === undefined) return 'null';
  if (format === 'binary') {
    try {
      const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? `base64:${value}` : text;
    } catch (e) {
      return `base64:${value}`;
    }
  }
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}
