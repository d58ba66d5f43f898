// One topic: its partitions with beginning and end offsets, a message browser and a produce form.
import { api, enc } from './api.js';
import { h, fill, every, table, busy, field, showError, showOk, count } from './ui.js';
import { browse, display } from './browse.js';

export function render(main, { name }) {
  const message = h('div', { class: 'message', role: 'alert' });
  const partitionsEl = h('div', { id: 'partitions' });
  let partitions = [];

  // Message browser.
  const mode = h('select', { id: 'browse-mode' },
    h('option', { value: 'latest' }, 'Latest N per partition'),
    h('option', { value: 'offset' }, 'From an offset'),
    h('option', { value: 'time' }, 'From a time'));
  const n = h('input', { id: 'browse-count', type: 'number', min: 1, value: 20 });
  const offset = h('input', { id: 'browse-offset', type: 'number', min: 0, value: 0 });
  const time = h('input', { id: 'browse-time', type: 'datetime-local' });
  const partition = h('select', { id: 'browse-partition' }, h('option', { value: '' }, 'All'));
  const format = h('select', { id: 'browse-format' }, ['binary', 'json', 'avro', 'jsonschema'].map((f) => h('option', { value: f }, f)));
  const offsetField = field('Offset', offset);
  const timeField = field('Time', time);
  const showMode = () => {
    offsetField.hidden = mode.value !== 'offset';
    timeField.hidden = mode.value !== 'time';
  };
  mode.addEventListener('change', showMode);
  showMode();
  const load = h('button', { type: 'submit', class: 'primary', id: 'browse-load' }, 'Show records');
  const browseMessage = h('div', { class: 'message', role: 'status' });
  const records = h('div', { id: 'records' });
  const browser = h('form', { class: 'panel', id: 'browse-form' },
    h('h3', {}, 'Messages'),
    h('div', { class: 'inline' }, field('Read', mode), field('How many', n), offsetField, timeField, field('Partition', partition), field('Decode as', format), h('div', { class: 'field' }, load)),
    browseMessage, records);
  browser.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(load, async () => {
      await loadPartitions();
      const chosen = partition.value === '' ? partitions : partitions.filter((p) => String(p.partition) === partition.value);
      if (mode.value === 'time' && !time.value) throw new Error('Choose a time to read from.');
      const found = await browse(name, chosen, {
        mode: mode.value, n: Math.max(1, Number(n.value) || 1), offset: Number(offset.value) || 0, time: time.value, format: format.value,
      });
      const rows = found.map((r) => h('tr', {},
        h('td', { class: 'num' }, r.partition),
        h('td', { class: 'num' }, r.offset),
        h('td', { class: 'mono' }, display(r.key, format.value)),
        h('td', { class: 'mono record-value' }, display(r.value, format.value))));
      fill(records, table([h('th', { class: 'num' }, 'Partition'), h('th', { class: 'num' }, 'Offset'), 'Key', 'Value'], rows, 'No records there.', { id: 'records-table' }));
      showOk(browseMessage, `${found.length} record${found.length === 1 ? '' : 's'}.`);
    }, browseMessage);
  });

  // Produce form.
  const produceFormat = h('select', { id: 'produce-format' }, h('option', { value: 'json' }, 'JSON'), h('option', { value: 'binary' }, 'text (binary)'));
  const key = h('input', { id: 'produce-key', autocomplete: 'off', placeholder: 'optional' });
  const value = h('textarea', { id: 'produce-value', rows: 3, placeholder: '{"hello": "world"}' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'produce-send' }, 'Produce');
  const produceMessage = h('div', { class: 'message', role: 'status' });
  const produce = h('form', { class: 'panel', id: 'produce-form' },
    h('h3', {}, 'Produce a record'),
    h('div', { class: 'grid2' }, field('Key', key), field('Format', produceFormat)),
    field('Value', value), produceMessage, send);
  produce.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(send, async () => {
      const binary = produceFormat.value === 'binary';
      const encode = (text) => (binary ? btoa(String.fromCharCode(...new TextEncoder().encode(text))) : JSON.parse(text));
      let record;
      try {
        record = { value: encode(value.value) };
        if (key.value !== '') record.key = binary ? encode(key.value) : parseOrString(key.value);
      } catch (e) {
        throw new Error(`The value is not valid JSON: ${e.message}`);
      }
      const answer = await api('proxy', `/topics/${enc(name)}`, {
        method: 'POST', type: `application/vnd.kafka.${produceFormat.value}.v2+json`, body: { records: [record] },
      });
      const result = answer.offsets[0];
      if (result.error) throw new Error(result.error);
      showOk(produceMessage, `Written to partition ${result.partition} at offset ${result.offset}.`);
      loadPartitions();
    }, produceMessage);
  });

  main.append(
    h('h2', {}, h('a', { href: '#/topics', class: 'muted' }, 'Topics'), '/', h('span', { id: 'topic-title' }, name)),
    message,
    h('section', { class: 'panel' }, h('h3', {}, 'Partitions'), partitionsEl),
    browser,
    produce,
  );

  async function loadPartitions() {
    let list;
    try {
      list = await api('proxy', `/topics/${enc(name)}/partitions`, { quiet: true });
      fill(message);
    } catch (e) {
      showError(message, e);
      return;
    }
    partitions = await Promise.all(list.map(async (p) => ({
      ...p, ...(await api('proxy', `/topics/${enc(name)}/partitions/${p.partition}/offsets`, { quiet: true })),
    })));
    if (partition.options.length !== partitions.length + 1) {
      const chosen = partition.value;
      fill(partition, h('option', { value: '' }, 'All'), partitions.map((p) => h('option', { value: String(p.partition) }, String(p.partition))));
      partition.value = chosen;
    }
    const rows = partitions.map((p) => h('tr', {},
      h('td', { class: 'num' }, p.partition),
      h('td', { class: 'num' }, p.leader),
      h('td', {}, (p.replicas || []).map((r) => `${r.broker}${r.in_sync ? '' : ' (out of sync)'}`).join(', ')),
      h('td', { class: 'num' }, count(p.beginning_offset)),
      h('td', { class: 'num' }, count(p.end_offset)),
      h('td', { class: 'num' }, count(p.end_offset - p.beginning_offset))));
    fill(partitionsEl, table([h('th', { class: 'num' }, 'Partition'), h('th', { class: 'num' }, 'Leader'), 'Replicas',
      h('th', { class: 'num' }, 'Beginning offset'), h('th', { class: 'num' }, 'End offset'), h('th', { class: 'num' }, 'Records')], rows, 'No partitions.', { id: 'partitions-table' }));
  }
  return every(3000, loadPartitions);
}

function parseOrString(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}
