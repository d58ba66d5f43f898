// Topics: every topic with its partitions and replication, and a form that creates one through the
// REST Proxy's v3 API.
import { api, enc } from './api.js';
import { h, fill, every, table, busy, field, showError, showOk } from './ui.js';
import { cluster } from './cluster.js';

export function render(main) {
  const message = h('div', { class: 'message', role: 'alert' });
  const body = h('div', { id: 'topics' });
  const internal = h('input', { type: 'checkbox', id: 'show-internal', style: 'width:auto' });
  const name = h('input', { id: 'topic-name', required: true, autocomplete: 'off', placeholder: 'orders' });
  const partitions = h('input', { id: 'topic-partitions', type: 'number', min: 1, value: 1 });
  const replication = h('input', { id: 'topic-replication', type: 'number', min: 1, value: 1 });
  const create = h('button', { type: 'submit', class: 'primary', id: 'topic-create' }, 'Create topic');
  const createMessage = h('div', { class: 'message', role: 'status' });
  const form = h('form', { class: 'panel', id: 'topic-form' },
    h('h3', {}, 'New topic'),
    h('div', { class: 'inline' }, field('Name', name), field('Partitions', partitions), field('Replication factor', replication), h('div', { class: 'field' }, create)),
    createMessage);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(create, async () => {
      const id = await cluster();
      await api('proxy', `/v3/clusters/${enc(id)}/topics`, {
        method: 'POST',
        body: { topic_name: name.value.trim(), partitions_count: Number(partitions.value), replication_factor: Number(replication.value) },
      });
      showOk(createMessage, `Topic ${name.value.trim()} created.`);
      name.value = '';
      await load();
    }, createMessage);
  });
  internal.addEventListener('change', () => load());

  main.append(
    h('h2', {}, 'Topics'),
    h('div', { class: 'toolbar' }, internal, h('label', { for: 'show-internal', style: 'margin:0;font-weight:400' }, 'Show internal topics'), h('span', { class: 'spacer' }), h('span', { class: 'muted' }, 'Refreshes every 5 s')),
    message,
    body,
    form,
  );

  async function load() {
    let topics;
    try {
      const id = await cluster();
      topics = (await api('proxy', `/v3/clusters/${enc(id)}/topics`, { quiet: true })).data;
      fill(message);
    } catch (e) {
      showError(message, e);
      return;
    }
    const rows = topics
      .filter((t) => internal.checked || !(t.is_internal || t.topic_name.startsWith('_')))
      .sort((a, b) => a.topic_name.localeCompare(b.topic_name))
      .map((t) => h('tr', { 'data-topic': t.topic_name },
        h('td', {}, h('a', { href: `#/topics/${enc(t.topic_name)}` }, t.topic_name)),
        h('td', { class: 'num' }, t.partitions_count),
        h('td', { class: 'num' }, t.replication_factor),
        h('td', {}, t.is_internal ? 'internal' : '')));
    fill(body, table(['Topic', h('th', { class: 'num' }, 'Partitions'), h('th', { class: 'num' }, 'Replication'), ''], rows, 'No topics.', { id: 'topics-table' }));
  }
  return every(5000, load);
}
