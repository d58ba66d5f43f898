// The page's only way to the services: /api/<service>/... on the console, which forwards the call.
// Counts requests in flight so the header can show that something is going on.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let inFlight = 0;
const watchers = new Set();

export function onActivity(watcher) {
  watchers.add(watcher);
}

function changed(delta) {
  inFlight += delta;
  watchers.forEach((watcher) => watcher(inFlight));
}

/**
 * Calls a service: `service` is connect, proxy or registry. Resolves with the parsed JSON body (or
 * text, or null when empty); rejects with an ApiError carrying the service's own message.
 * `quiet` requests (background refreshes) do not count as activity. `onHeaders`, when given, is
 * called with the response's headers of a successful answer before it resolves.
 */
export async function api(service, path, { method = 'GET', body, type, accept, quiet = false, onHeaders } = {}) {
  const headers = {};
  const init = { method, headers };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    headers['Content-Type'] = type || 'application/json';
  }
  if (accept) headers.Accept = accept;
  if (!quiet) changed(1);
  try {
    let response;
    try {
      response = await fetch(`/api/${service}${path}`, init);
    } catch (e) {
      throw new ApiError(0, 'The console does not answer: is Wharf still running?');
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = text;
      }
    }
    if (!response.ok) {
      const message = data && data.message ? data.message : `HTTP ${response.status}`;
      throw new ApiError(response.status, message, data);
    }
    if (onHeaders) onHeaders(response.headers);
    return data;
  } finally {
    if (!quiet) changed(-1);
  }
}

export const enc = encodeURIComponent;
