// Small DOM helpers shared by the screens.

/** Creates an element: h('a', {href: '#/x', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'value') {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function badge(state, text) {
  const s = (state || 'UNKNOWN').toString();
  return h('span', { class: `badge ${s.toLowerCase()}`, 'data-state': s }, text || s);
}

/** A sparkline of the last values as inline SVG. */
export function sparkline(values, width = 110, height = 26) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'throughput over the last minute');
  if (values.length > 1) {
    const max = Math.max(...values, 1);
    const step = width / (values.length - 1);
    const points = values
      .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
      .join(' ');
    const area = document.createElementNS(svg.namespaceURI, 'polygon');
    area.setAttribute('class', 'area');
    area.setAttribute('points', `0,${height} ${points} ${width},${height}`);
    const line = document.createElementNS(svg.namespaceURI, 'polyline');
    line.setAttribute('points', points);
    svg.append(area, line);
  }
  return svg;
}

/**
 * Runs an action behind a button: disabled with a spinner until it settles, then re-enabled.
 * Errors are shown in `messageEl` when given, and returned as null.
 */
export async function busy(button, action, messageEl) {
  button.disabled = true;
  button.classList.add('busy');
  button.setAttribute('aria-busy', 'true');
  if (messageEl) fill(messageEl);
  try {
    return await action();
  } catch (e) {
    if (messageEl) showError(messageEl, e);
    else throw e;
    return null;
  } finally {
    button.disabled = false;
    button.classList.remove('busy');
    button.removeAttribute('aria-busy');
  }
}

export function showError(el, error) {
  el.className = 'message error';
  fill(el, error && error.message ? error.message : String(error));
}

export function showOk(el, text) {
  el.className = 'message ok';
  fill(el, text);
}

export function showInfo(el, text) {
  el.className = 'message info';
  fill(el, text);
}

/** Calls `task` now and every `ms`, never twice at once; returns a function that stops it. */
export function every(ms, task) {
  let stopped = false;
  let running = false;
  const run = async () => {
    if (stopped || running) return;
    running = true;
    try {
      await task();
    } catch (e) {
      // A failed refresh is shown by the screen itself; the next tick tries again.
    } finally {
      running = false;
    }
  };
  run();
  const timer = setInterval(run, ms);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

export function table(headers, rows, emptyText, attrs = {}) {
  return h(
    'table',
    attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => (typeof x === 'string' ? h('th', {}, x) : x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { class: 'empty', colspan: headers.length }, emptyText))),
  );
}

export function field(labelText, input, help) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, help ? h('div', { class: 'help' }, help) : null);
}

export function rate(value) {
  if (value === null || value === undefined) return '–';
  return value >= 100 ? `${Math.round(value)}/s` : `${Number(value).toFixed(1)}/s`;
}

export function count(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en');
}

export function pretty(text) {
  try {
    return JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text, null, 2);
  } catch (e) {
    return String(text);
  }
}
