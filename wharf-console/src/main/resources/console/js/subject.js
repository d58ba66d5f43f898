// One subject: its versions, a diff between two of them, its compatibility level, and a form for
// a new version.
import { api, enc } from './api.js';
import { h, fill, every, busy, field, showError, showOk, pretty } from './ui.js';
import { registerForm } from './register.js';
import { diffLines } from './diff.js';

const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'];

export function render(main, { subject }) {
  const path = `/subjects/${enc(subject)}`;
  const message = h('div', { class: 'message', role: 'alert' });
  const versions = h('select', { id: 'version' });
  const schemaView = h('pre', { id: 'schema-view' });
  const meta = h('div', { class: 'muted', id: 'schema-meta' });
  const left = h('select', { id: 'diff-left' });
  const right = h('select', { id: 'diff-right' });
  const diffView = h('pre', { class: 'diff', id: 'diff-view' });
  const level = h('select', { id: 'subject-compatibility' }, LEVELS.map((l) => h('option', { value: l }, l)));
  const save = h('button', { type: 'button', id: 'compatibility-save' }, 'Save');
  const levelMessage = h('div', { class: 'message', role: 'status' });
  const cache = new Map();
  let known = [];

  const version = async (v) => {
    if (!cache.has(v)) cache.set(v, await api('registry', `${path}/versions/${v}`, { quiet: true }));
    return cache.get(v);
  };
  async function show() {
    if (!versions.value) return;
    const v = await version(versions.value);
    fill(meta, `Version ${v.version}, schema id ${v.id}, ${v.schemaType || 'AVRO'}`);
    fill(schemaView, pretty(v.schema));
  }
  async function diff() {
    if (!left.value || !right.value) return;
    const [a, b] = await Promise.all([version(left.value), version(right.value)]);
    fill(diffView, diffLines(pretty(a.schema).split('\n'), pretty(b.schema).split('\n')).map(([op, line]) =>
      h('span', { class: op === '+' ? 'add' : op === '-' ? 'del' : 'same' }, `${op === '=' ? ' ' : op} ${line}`)));
  }
  versions.addEventListener('change', () => show().catch((e) => showError(message, e)));
  left.addEventListener('change', () => diff().catch((e) => showError(message, e)));
  right.addEventListener('change', () => diff().catch((e) => showError(message, e)));
  save.addEventListener('click', () => busy(save, async () => {
    await api('registry', `/config/${enc(subject)}`, { method: 'PUT', type: 'application/vnd.schemaregistry.v1+json', body: { compatibility: level.value } });
    showOk(levelMessage, `${subject} now uses ${level.value}.`);
  }, levelMessage));

  main.append(
    h('h2', {}, h('a', { href: '#/schemas', class: 'muted' }, 'Schemas'), '/', h('span', { id: 'subject-title' }, subject)),
    message,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('div', { class: 'inline' }, field('Version', versions)), meta, schemaView),
      h('section', { class: 'panel' }, h('h3', {}, 'Compare versions'), h('div', { class: 'inline' }, field('From', left), field('To', right)), diffView)),
    h('section', { class: 'panel' }, h('h3', {}, 'Compatibility level'), h('div', { class: 'inline' }, field('Level', level), h('div', { class: 'field' }, save)), levelMessage),
    registerForm(subject, () => load()),
  );

  async function load() {
    let list;
    try {
      list = await api('registry', `${path}/versions`, { quiet: true });
      fill(message);
    } catch (e) {
      showError(message, e);
      return;
    }
    if (list.join() !== known.join()) {
      const first = known.length === 0;
      known = list;
      const options = () => list.map((v) => h('option', { value: String(v) }, `v${v}`));
      fill(versions, options());
      fill(left, options());
      fill(right, options());
      versions.value = String(list[list.length - 1]);
      left.value = String(list[Math.max(0, list.length - 2)]);
      right.value = String(list[list.length - 1]);
      await show();
      await diff();
      if (first) {
        const config = await api('registry', `/config/${enc(subject)}?defaultToGlobal=true`, { quiet: true });
        level.value = config.compatibilityLevel;
      }
    }
  }
  return every(5000, load);
}
