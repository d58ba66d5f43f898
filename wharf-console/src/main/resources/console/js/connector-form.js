// Create or edit a connector: the plugin's fields come from /config/validate, which is asked
// again as the user types so that each field shows its own errors live.
import { api, enc } from './api.js';
import { h, fill, busy, showError, showInfo, field } from './ui.js';

const COLLAPSED = new Set(['Transforms', 'Predicates', 'Error Handling', 'Topic Creation', 'Exactly Once Support']);
const OWN_INPUTS = new Set(['name', 'connector.class']);

export function render(main, { name }) {
  const editing = Boolean(name);
  const message = h('div', { class: 'message', role: 'alert' });
  const summary = h('div', { class: 'message', id: 'validation-summary', 'aria-live': 'polite' });
  const nameInput = h('input', { id: 'connector-name', name: 'name', required: true, autocomplete: 'off', value: name || '', readonly: editing });
  const pluginSelect = h('select', { id: 'connector-plugin', name: 'connector.class', disabled: editing }, h('option', { value: '' }, 'Loading plugins…'));
  const fields = h('div', { id: 'connector-fields' });
  const extra = h('textarea', { id: 'connector-extra', placeholder: 'key=value, one per line', rows: 4 });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'connector-submit' }, editing ? 'Save config' : 'Create connector');
  const form = h('form', { class: 'panel', id: 'connector-form', novalidate: true },
    h('div', { class: 'grid2' },
      field('Name', nameInput),
      field('Connector plugin', pluginSelect)),
    fields,
    h('details', {}, h('summary', {}, 'Other properties'), field('Properties not listed above', extra, 'Any key the plugin or worker accepts, as key=value lines.')),
    summary,
    message,
    h('div', { class: 'toolbar' }, submit, h('a', { href: editing ? `#/connectors/${enc(name)}` : '#/connectors' }, 'Cancel')));
  main.append(h('h2', {}, editing ? `Edit ${name}` : 'New connector'), form);

  let known = new Map(); // config key -> {input, wrapper, errorsEl}
  let timer = null;
  let stopped = false;
  let generation = 0;

  function currentConfig() {
    const config = {};
    for (const [key, entry] of known) {
      const value = entry.input.value.trim();
      if (value !== '') config[key] = value;
    }
    for (const line of extra.value.split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) config[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    config['connector.class'] = pluginSelect.value;
    if (nameInput.value.trim()) config.name = nameInput.value.trim();
    return config;
  }

  async function validate(initial) {
    if (!pluginSelect.value) return;
    const mine = ++generation;
    const config = initial || currentConfig();
    let result;
    try {
      result = await api('connect', `/connector-plugins/${enc(pluginSelect.value)}/config/validate`, { method: 'PUT', body: config, quiet: true });
    } catch (e) {
      showError(summary, e);
      return;
    }
    if (stopped || mine !== generation) return;
    showFields(result.configs, initial);
    const errors = result.error_count || 0;
    if (errors === 0) {
      summary.className = 'message ok';
      fill(summary, 'The configuration is valid.');
    } else {
      summary.className = 'message error';
      fill(summary, `${errors} field${errors === 1 ? ' needs' : 's need'} attention.`);
    }
  }

  function showFields(configs, initial) {
    const groups = new Map();
    for (const config of configs) {
      const key = config.definition.name;
      if (OWN_INPUTS.has(key)) continue;
      if (!known.has(key)) {
        const group = config.definition.group || 'Connector';
        if (!groups.has(group)) groups.set(group, []);
        groups.get(group).push(config);
      }
    }
    for (const [group, entries] of groups) {
      let set = fields.querySelector(`details[data-group="${CSS.escape(group)}"]`);
      if (!set) {
        set = h('details', { 'data-group': group, open: !COLLAPSED.has(group) }, h('summary', {}, group));
        fields.append(h('fieldset', {}, set));
      }
      for (const config of entries) {
        const input = makeInput(config, initial);
        const errorsEl = h('div', { class: 'field-errors', id: `errors-${config.definition.name}` });
        const required = config.definition.required ? ' *' : '';
        const wrapper = field(`${config.definition.display_name || config.definition.name}${required}`, input, config.definition.documentation);
        wrapper.append(errorsEl);
        input.setAttribute('aria-describedby', errorsEl.id);
        set.append(wrapper);
        known.set(config.definition.name, { input, wrapper, errorsEl });
      }
    }
    for (const config of configs) {
      const entry = known.get(config.definition.name);
      if (!entry) continue;
      const errors = (config.value && config.value.errors) || [];
      fill(entry.errorsEl, errors.join(' '));
      entry.wrapper.classList.toggle('invalid', errors.length > 0);
      entry.wrapper.classList.toggle('valid', errors.length === 0 && entry.input.value.trim() !== '');
      entry.input.setAttribute('aria-invalid', errors.length > 0 ? 'true' : 'false');
      if (errors.length) {
        const details = entry.wrapper.closest('details');
        if (details && known.size && entry.input.value.trim() !== '') details.open = true;
      }
    }
  }

  function makeInput(config, initial) {
    const def = config.definition;
    const key = def.name;
    const given = initial && initial[key] !== undefined ? initial[key] : '';
    const recommended = (config.value && config.value.recommended_values) || [];
    let input;
    if (def.type === 'BOOLEAN') {
      input = h('select', { name: key }, h('option', { value: '' }, `default (${def.default_value ?? 'none'})`), h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
      input.value = given;
    } else if (recommended.length && def.type !== 'LIST') {
      input = h('select', { name: key }, h('option', { value: '' }, def.default_value ? `default (${def.default_value})` : '—'), recommended.map((v) => h('option', { value: v }, v)));
      input.value = given;
    } else {
      input = h('input', { name: key, autocomplete: 'off', placeholder: def.default_value ?? '', value: given });
    }
    input.id = `field-${key}`;
    input.addEventListener('input', schedule);
    input.addEventListener('change', schedule);
    return input;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => validate(), 350);
  }

  async function choosePlugin(initial) {
    known = new Map();
    fill(fields);
    fill(summary);
    if (pluginSelect.value) await validate(initial || { 'connector.class': pluginSelect.value, name: nameInput.value.trim() || undefined });
  }

  pluginSelect.addEventListener('change', () => choosePlugin());
  nameInput.addEventListener('input', schedule);
  extra.addEventListener('input', schedule);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const config = currentConfig();
    const connectorName = nameInput.value.trim();
    if (!connectorName) {
      showError(message, { message: 'A connector needs a name.' });
      nameInput.focus();
      return;
    }
    if (!config['connector.class']) {
      showError(message, { message: 'Choose a connector plugin.' });
      pluginSelect.focus();
      return;
    }
    busy(submit, async () => {
      if (editing) {
        await api('connect', `/connectors/${enc(connectorName)}/config`, { method: 'PUT', body: config });
      } else {
        await api('connect', '/connectors', { method: 'POST', body: { name: connectorName, config } });
      }
      location.hash = `#/connectors/${enc(connectorName)}`;
    }, message);
  });

  (async () => {
    try {
      const plugins = await api('connect', '/connector-plugins?connectorsOnly=true');
      fill(pluginSelect, h('option', { value: '' }, 'Choose a plugin…'),
        plugins.map((p) => h('option', { value: p.class }, `${p.class.split('.').pop()} (${p.type}, ${p.version})`)));
      if (editing) {
        const config = await api('connect', `/connectors/${enc(name)}/config`);
        if (!plugins.some((p) => p.class === config['connector.class'])) {
          pluginSelect.append(h('option', { value: config['connector.class'] }, config['connector.class']));
        }
        pluginSelect.value = config['connector.class'];
        await choosePlugin(config);
        const shown = new Set([...known.keys(), 'name', 'connector.class']);
        extra.value = Object.entries(config).filter(([k]) => !shown.has(k)).map(([k, v]) => `${k}=${v}`).join('\n');
      } else {
        showInfo(summary, 'Choose a plugin to see its settings; each field is checked as you type.');
      }
    } catch (e) {
      showError(message, e);
    }
  })();

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
