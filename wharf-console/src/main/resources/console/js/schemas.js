// Schemas: every subject with its latest version, the global compatibility level, and the register
// form.
import { api, enc } from './api.js';
import { h, fill, every, table, showError } from './ui.js';
import { registerForm } from './register.js';

export function render(main) {
  const message = h('div', { class: 'message', role: 'alert' });
  const level = h('span', { id: 'global-compatibility' });
  const body = h('div', { id: 'subjects' });
  main.append(
    h('h2', {}, 'Schemas'),
    h('div', { class: 'toolbar' }, h('span', {}, 'Global compatibility: ', level), h('span', { class: 'spacer' }), h('span', { class: 'muted' }, 'Refreshes every 5 s')),
    message,
    body,
    registerForm(null, () => load()),
  );

  async function load() {
    let subjects;
    try {
      subjects = await api('registry', '/subjects', { quiet: true });
      const config = await api('registry', '/config', { quiet: true });
      fill(level, h('b', {}, config.compatibilityLevel));
      fill(message);
    } catch (e) {
      showError(message, e);
      return;
    }
    const latest = await Promise.all(subjects.sort().map((s) => api('registry', `/subjects/${enc(s)}/versions/latest`, { quiet: true }).catch(() => null)));
    const rows = subjects.map((s, i) => h('tr', { 'data-subject': s },
      h('td', {}, h('a', { href: `#/schemas/${enc(s)}` }, s)),
      h('td', { class: 'num' }, latest[i] ? latest[i].version : '–'),
      h('td', { class: 'num' }, latest[i] ? latest[i].id : '–'),
      h('td', {}, latest[i] ? latest[i].schemaType || 'AVRO' : '')));
    fill(body, table(['Subject', h('th', { class: 'num' }, 'Latest version'), h('th', { class: 'num' }, 'Schema id'), 'Type'], rows, 'No subjects yet: register a schema below.', { id: 'subjects-table' }));
  }
  return every(5000, load);
}
