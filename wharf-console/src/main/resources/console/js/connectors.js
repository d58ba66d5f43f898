// Connectors: every connector with its state, its tasks' states, throughput and lag.
import { api, enc } from './api.js';
import { h, fill, badge, sparkline, every, table, rate, count, showError } from './ui.js';
import { fetchMetrics, throughputHistory, metricsUnavailable } from './metrics.js';

export function render(main) {
  const message = h('div', { class: 'message', role: 'alert' });
  const body = h('div', { id: 'connectors' });
  main.append(
    h('h2', {}, 'Connectors'),
    h('div', { class: 'toolbar' },
      h('a', { class: 'button primary', href: '#/connectors/new', id: 'new-connector' }, 'New connector'),
      h('span', { class: 'spacer' }),
      h('span', { class: 'muted' }, 'Refreshes every 2 s')),
    message,
    body,
  );
  return every(2000, async () => {
    let all;
    try {
      all = await api('connect', '/connectors?expand=status&expand=info', { quiet: true });
      fill(message);
    } catch (e) {
      showError(message, e);
      return;
    }
    const names = Object.keys(all).sort();
    const metrics = await Promise.all(names.map((name) => fetchMetrics(name)));
    const rows = names.map((name, i) => row(name, all[name], metrics[i]));
    fill(body, table(
      ['Name', 'Type', 'Plugin', 'State', 'Tasks', 'Throughput', h('th', { class: 'num' }, 'Lag')],
      rows,
      'No connectors yet: create one with "New connector".',
      { id: 'connectors-table' },
    ));
  });
}

function row(name, entry, metrics) {
  const status = entry.status || {};
  const info = entry.info || {};
  const config = info.config || {};
  const plugin = (config['connector.class'] || '').split('.').pop();
  const tasks = (status.tasks || []).map((t) => badge(t.state, `${t.id} ${t.state}`));
  let throughput = h('span', { class: 'muted' }, metricsUnavailable() ? 'not available' : '–');
  if (metrics) {
    throughput = h('span', {}, sparkline(throughputHistory(name)), ' ',
      rate((metrics.records_in_per_sec || 0) + (metrics.records_out_per_sec || 0)));
  }
  return h('tr', { 'data-connector': name },
    h('td', {}, h('a', { href: `#/connectors/${enc(name)}` }, name)),
    h('td', {}, status.type || info.type || ''),
    h('td', { class: 'mono' }, plugin),
    h('td', {}, badge(status.connector && status.connector.state)),
    h('td', {}, tasks.length ? tasks : h('span', { class: 'muted' }, 'none')),
    h('td', {}, throughput),
    h('td', { class: 'num' }, metrics ? count(metrics.lag) : '–'),
  );
}
