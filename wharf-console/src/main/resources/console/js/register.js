// The register form shared by the schema screens: checks compatibility against the subject's
// latest version first and shows the answer, then registers only a compatible schema.
import { api, enc } from './api.js';
import { h, fill, busy, field, showError } from './ui.js';

const SR = 'application/vnd.schemaregistry.v1+json';

export function registerForm(subject, onRegistered) {
  const subjectInput = h('input', { id: 'register-subject', required: true, autocomplete: 'off', value: subject || '', readonly: Boolean(subject), placeholder: 'orders-value' });
  const type = h('select', { id: 'register-type' }, h('option', { value: 'AVRO' }, 'AVRO'), h('option', { value: 'JSON' }, 'JSON'));
  const schema = h('textarea', { id: 'register-schema', rows: 8, placeholder: '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}' });
  const check = h('button', { type: 'button', id: 'register-check' }, 'Check compatibility');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'register-submit' }, 'Register');
  const result = h('div', { class: 'message', id: 'register-result', role: 'status' });
  const form = h('form', { class: 'panel', id: 'register-form' },
    h('h3', {}, subject ? 'Register a new version' : 'Register a schema'),
    h('div', { class: 'grid2' }, field('Subject', subjectInput), field('Type', type)),
    field('Schema', schema),
    result,
    h('div', { class: 'toolbar' }, check, submit));

  const body = () => {
    const b = { schema: schema.value };
    if (type.value !== 'AVRO') b.schemaType = type.value;
    return b;
  };

  /** Resolves with true (compatible or a new subject) or false, and shows the outcome. */
  async function checkCompatibility() {
    const name = subjectInput.value.trim();
    if (!name) throw new Error('A schema needs a subject.');
    try {
      const answer = await api('registry', `/compatibility/subjects/${enc(name)}/versions/latest?verbose=true`, { method: 'POST', type: SR, body: body() });
      if (answer.is_compatible) {
        result.className = 'message ok';
        fill(result, 'Compatible with the latest version.');
        return true;
      }
      result.className = 'message error';
      fill(result, h('div', {}, 'Not compatible with the latest version:'), (answer.messages || []).map((m) => h('div', { class: 'mono' }, m)));
      return false;
    } catch (e) {
      if (e.status === 404 && e.body && (e.body.error_code === 40401 || e.body.error_code === 40402)) {
        result.className = 'message info';
        fill(result, `${name} has no version yet: nothing to be compatible with.`);
        return true;
      }
      throw e;
    }
  }

  check.addEventListener('click', () => busy(check, checkCompatibility, result));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      if (!(await checkCompatibility())) return;
      const name = subjectInput.value.trim();
      const answer = await api('registry', `/subjects/${enc(name)}/versions`, { method: 'POST', type: SR, body: body() });
      const text = result.textContent;
      result.className = 'message ok';
      fill(result, `${text} Registered ${name} with schema id ${answer.id}.`);
      if (onRegistered) onRegistered(name);
    }, result);
  });
  return form;
}

