// The console's shell: a hash router over one module per screen, the activity indicator and the
// banner that says which services cannot be reached.
import { api, onActivity } from './api.js';
import { h, fill } from './ui.js';
import * as connectors from './connectors.js';
import * as connectorForm from './connector-form.js';
import * as connector from './connector.js';
import * as topics from './topics.js';
import * as topic from './topic.js';
import * as schemas from './schemas.js';
import * as subject from './subject.js';

const routes = [
  [/^#\/connectors\/new$/, connectorForm, () => ({})],
  [/^#\/connectors\/([^/]+)\/edit$/, connectorForm, (m) => ({ name: decodeURIComponent(m[1]) })],
  [/^#\/connectors\/([^/]+)$/, connector, (m) => ({ name: decodeURIComponent(m[1]) })],
  [/^#\/connectors$/, connectors, () => ({})],
  [/^#\/topics\/([^/]+)$/, topic, (m) => ({ name: decodeURIComponent(m[1]) })],
  [/^#\/topics$/, topics, () => ({})],
  [/^#\/schemas\/([^/]+)$/, subject, (m) => ({ subject: decodeURIComponent(m[1]) })],
  [/^#\/schemas$/, schemas, () => ({})],
];

const main = document.getElementById('main');
let cleanup = null;

function route() {
  if (cleanup) cleanup();
  cleanup = null;
  const hash = location.hash || '#/connectors';
  for (const [pattern, screen, params] of routes) {
    const match = hash.match(pattern);
    if (match) {
      const section = hash.split('/')[1];
      document.querySelectorAll('.topbar nav a').forEach((a) => {
        a.classList.toggle('active', a.id === `nav-${section}`);
      });
      fill(main);
      cleanup = screen.render(main, params(match)) || null;
      return;
    }
  }
  location.hash = '#/connectors';
}

const activity = document.getElementById('activity');
onActivity((n) => {
  fill(activity, n > 0 ? [h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'working…'] : '');
});

// Each service's root answers 200 when it is up; anything else is shown in the banner.
const titles = { connect: 'Kafka Connect', proxy: 'REST Proxy', registry: 'Schema Registry' };
async function checkServices() {
  const banner = document.getElementById('services');
  const problems = await Promise.all(
    Object.keys(titles).map(async (service) => {
      try {
        await api(service, '/', { quiet: true });
        return null;
      } catch (e) {
        // The console's own 502/503 messages already name the service and its URL.
        return e.status === 502 || e.status === 503 ? e.message : `${titles[service]}: ${e.message}`;
      }
    }),
  );
  fill(banner, problems.filter(Boolean).map((p) => h('div', {}, p)));
}

window.addEventListener('hashchange', route);
route();
checkServices();
setInterval(checkServices, 5000);
