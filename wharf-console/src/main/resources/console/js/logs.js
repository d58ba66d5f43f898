// The live log tail of one connector: the last lines from GET /connectors/{name}/logs, then new ones
// as they come over the event stream (?follow=true). A worker without the endpoint answers 404 and
// the panel says the log is not available. In a cluster, workers that did not answer are named
// (the Wharf-Unavailable-Workers header): their lines are missing from the tail.
import { api, enc } from './api.js';
import { h, fill } from './ui.js';

const MAX_LINES = 500;

export function logTail(panel, name) {
  const level = h('select', { id: 'log-level', 'aria-label': 'Lowest level shown' },
    ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => h('option', { value: l }, l)));
  level.value = 'INFO';
  const view = h('div', { class: 'log', id: 'connector-log', role: 'log', 'aria-live': 'off' });
  const note = h('div', { class: 'muted', id: 'log-note' });
  const missing = h('div', { class: 'message error', id: 'logs-unavailable' });
  panel.append(h('div', { class: 'toolbar' }, h('label', { for: 'log-level' }, 'Level'), level), missing, note, view);
  const showMissing = (headers) => {
    const workers = headers.get('Wharf-Unavailable-Workers');
    fill(missing, workers ? `Not shown: the lines of worker ${workers}, which did not answer.` : '');
  };

  let source = null;
  let stopped = false;
  const seen = new Set();

  const append = (entry) => {
    const key = `${entry.timestamp}|${entry.worker_id}|${entry.task}|${entry.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const task = entry.task === undefined || entry.task === null ? '' : ` task ${entry.task}`;
    // In a cluster the lines come from several workers: say which one logged each.
    const worker = entry.worker_id ? ` on ${entry.worker_id}` : '';
    const text = `${entry.time || new Date(entry.timestamp).toISOString()} ${entry.level}${task}${worker} ${entry.message}` +
      (entry.stack_trace ? `\n${entry.stack_trace}` : '');
    const atBottom = view.scrollTop + view.clientHeight >= view.scrollHeight - 4;
    view.append(h('div', { class: `line lvl-${entry.level}` }, text));
    while (view.childElementCount > MAX_LINES) view.firstElementChild.remove();
    if (atBottom) view.scrollTop = view.scrollHeight;
  };

  async function start() {
    if (source) source.close();
    source = null;
    seen.clear();
    fill(view);
    fill(note, 'Loading…');
    let lines;
    try {
      lines = await api('connect', `/connectors/${enc(name)}/logs?tail=200&level=${level.value}`, { quiet: true, onHeaders: showMissing });
    } catch (e) {
      fill(note, e.status === 404 && /^HTTP 404/.test(e.message)
        ? 'The log tail is not available on this worker.'
        : `The log cannot be read: ${e.message}`);
      return;
    }
    if (stopped) return;
    lines.forEach(append);
    fill(note, lines.length ? '' : 'No log lines yet.');
    const since = lines.length ? `&since=${lines[lines.length - 1].timestamp}` : '';
    source = new EventSource(`/api/connect/connectors/${enc(name)}/logs?follow=true&level=${level.value}${since}`);
    source.onmessage = (event) => {
      fill(note);
      try {
        append(JSON.parse(event.data));
      } catch (e) {
        // A line that is not JSON is not one of ours; skip it.
      }
    };
  }

  level.addEventListener('change', start);
  start();
  return () => {
    stopped = true;
    if (source) source.close();
  };
}
