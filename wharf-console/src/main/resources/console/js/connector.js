// One connector: state and tasks (with failure traces), actions, metrics, offsets, the live log
// tail and the configuration.
import { api, enc } from './api.js';
import { h, fill, badge, busy, every, table, sparkline, rate, count, showError, showOk, showInfo } from './ui.js';
import { fetchMetrics, throughputHistory, metricsUnavailable } from './metrics.js';
import { logTail } from './logs.js';

export function render(main, { name }) {
  const path = `/connectors/${enc(name)}`;
  const state = h('span', { id: 'connector-state' });
  const message = h('div', { class: 'message', role: 'alert', id: 'connector-message' });
  const summary = h('div', { class: 'muted', id: 'connector-summary' });
  const tasks = h('div', { id: 'connector-tasks' });
  const metrics = h('div', { id: 'connector-metrics' });
  const offsets = h('div', { id: 'connector-offsets' });
  const config = h('div', { id: 'connector-config' });
  const offsetsMessage = h('div', { class: 'message', role: 'status' });

  const action = (label, id, run, cls) => {
    const button = h('button', { type: 'button', id, class: cls || '' }, label);
    button.addEventListener('click', () => busy(button, async () => {
      await run();
      showOk(message, `${label}: done.`);
      await refresh();
    }, message));
    return button;
  };
  const deleteButton = h('button', { type: 'button', id: 'action-delete', class: 'danger' }, 'Delete');
  deleteButton.addEventListener('click', () => {
    if (!confirm(`Delete the connector ${name}? Its tasks stop; its offsets stay in Kafka.`)) return;
    busy(deleteButton, async () => {
      await api('connect', path, { method: 'DELETE' });
      location.hash = '#/connectors';
    }, message);
  });
  const resetButton = h('button', { type: 'button', id: 'offsets-reset' }, 'Reset offsets');
  resetButton.addEventListener('click', () => {
    if (!confirm(`Reset every offset of ${name}? It must be stopped first.`)) return;
    busy(resetButton, async () => {
      const answer = await api('connect', `${path}/offsets`, { method: 'DELETE' });
      showOk(offsetsMessage, (answer && answer.message) || 'Offsets reset.');
      await loadOffsets();
    }, offsetsMessage);
  });

  main.append(
    h('h2', {}, h('a', { href: '#/connectors', class: 'muted' }, 'Connectors'), '/', h('span', { id: 'connector-title' }, name), state),
    summary,
    h('div', { class: 'toolbar' },
      h('a', { class: 'button', href: `#${path}/edit`, id: 'action-edit' }, 'Edit'),
      action('Pause', 'action-pause', () => api('connect', `${path}/pause`, { method: 'PUT' })),
      action('Resume', 'action-resume', () => api('connect', `${path}/resume`, { method: 'PUT' })),
      action('Stop', 'action-stop', () => api('connect', `${path}/stop`, { method: 'PUT' })),
      action('Restart failed', 'action-restart', () => api('connect', `${path}/restart?includeTasks=true&onlyFailed=true`, { method: 'POST' })),
      h('span', { class: 'spacer' }),
      deleteButton),
    message,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h3', {}, 'Tasks'), tasks),
      h('section', { class: 'panel' }, h('h3', {}, 'Throughput and lag'), metrics)),
    h('section', { class: 'panel', id: 'logs-panel' }, h('h3', {}, 'Log')),
    h('section', { class: 'panel' },
      h('div', { class: 'toolbar' }, h('h3', {}, 'Offsets'), h('span', { class: 'spacer' }), resetButton),
      offsetsMessage, offsets),
    h('section', { class: 'panel' }, h('h3', {}, 'Configuration'), config),
  );

  async function refresh() {
    let status;
    try {
      status = await api('connect', `${path}/status`, { quiet: true });
    } catch (e) {
      showError(message, e);
      return;
    }
    fill(state, badge(status.connector.state));
    // Offer only what makes sense in this state; a button whose request runs stays as busy() set it.
    const taskStates = (status.tasks || []).map((t) => t.state);
    const failed = status.connector.state === 'FAILED' || taskStates.includes('FAILED');
    const enable = { 'action-pause': status.connector.state !== 'PAUSED', 'action-resume': status.connector.state !== 'RUNNING' || taskStates.includes('PAUSED'), 'action-stop': status.connector.state !== 'STOPPED', 'action-restart': failed };
    for (const [id, on] of Object.entries(enable)) {
      const button = main.querySelector(`#${id}`);
      if (button && !button.classList.contains('busy')) button.disabled = !on;
    }
    fill(summary, `${status.type || ''} connector on worker ${status.connector.worker_id || '–'}`);
    const rows = (status.tasks || []).map((t) => h('tr', { 'data-task': t.id },
      h('td', {}, t.id),
      h('td', {}, badge(t.state)),
      h('td', { class: 'mono' }, t.worker_id || ''),
      h('td', {}, t.trace ? h('details', {}, h('summary', {}, 'Failure trace'), h('pre', { class: 'trace' }, t.trace)) : '')));
    if (status.connector.trace) {
      rows.unshift(h('tr', {}, h('td', {}, 'connector'), h('td', {}, badge(status.connector.state)), h('td', {}, ''),
        h('td', {}, h('details', { open: true }, h('summary', {}, 'Failure trace'), h('pre', { class: 'trace' }, status.connector.trace)))));
    }
    fill(tasks, table(['Task', 'State', 'Worker', ''], rows, 'No tasks.', { id: 'tasks-table' }));
    const m = await fetchMetrics(name);
    if (!m) {
      fill(metrics, h('div', { class: 'muted' }, metricsUnavailable() ? 'Metrics are not available on this worker.' : 'No metrics yet.'));
    } else {
      fill(metrics,
        h('div', { class: 'stats' },
          h('div', {}, h('b', {}, rate(m.records_in_per_sec)), h('span', {}, 'records in')),
          h('div', {}, h('b', {}, rate(m.records_out_per_sec)), h('span', {}, 'records out')),
          h('div', {}, h('b', {}, count(m.records_out_total)), h('span', {}, 'records out in total')),
          h('div', {}, h('b', {}, count(m.lag)), h('span', {}, 'lag'))),
        sparkline(throughputHistory(name), 320, 48),
        (m.unavailable_workers || []).length
          ? h('div', { class: 'message error', id: 'metrics-unavailable' },
            `Not counted: worker ${m.unavailable_workers.map((w) => w.worker_id).join(', ')} did not answer.`)
          : null,
        m.last_error ? h('div', { class: 'message error' }, `Last error${m.last_error.task !== undefined ? ` (task ${m.last_error.task})` : ''} at ${m.last_error.time}: ${m.last_error.message}`) : null);
    }
  }

  async function loadOffsets() {
    try {
      const answer = await api('connect', `${path}/offsets`, { quiet: true });
      const rows = (answer.offsets || []).map((o) => h('tr', {},
        h('td', { class: 'mono' }, JSON.stringify(o.partition)),
        h('td', { class: 'mono' }, JSON.stringify(o.offset))));
      fill(offsets, table(['Partition', 'Offset'], rows, 'No offsets committed yet.', { id: 'offsets-table' }));
    } catch (e) {
      showError(offsetsMessage, e);
    }
  }

  async function loadConfig() {
    try {
      const c = await api('connect', `${path}/config`, { quiet: true });
      fill(config, h('table', { class: 'kv' }, h('tbody', {}, Object.keys(c).sort().map((k) => h('tr', {}, h('td', {}, k), h('td', { class: 'mono' }, c[k]))))));
    } catch (e) {
      showInfo(config, e.message);
    }
  }

  const stopRefresh = every(2000, refresh);
  const stopOffsets = every(5000, loadOffsets);
  loadConfig();
  const stopLogs = logTail(main.querySelector('#logs-panel'), name);
  return () => {
    stopRefresh();
    stopOffsets();
    stopLogs();
  };
}
