// An app page bundling the `parley-chat` npm entry (Preact resolved as the app's own peer dependency) and
// mounting it twice. Options come from the query string: ?api=<emulator origin>.
import { mount } from 'parley-chat';

const params = new URLSearchParams(location.search);
const common = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  apiBase: params.get('api') ?? '',
  prechatFields: '',
  persist: 'none',
};
const events = { first: [], second: [] };
const record = (name, instance) => {
  for (const event of ['ready', 'open', 'close', 'started', 'message', 'connection', 'ended', 'error']) {
    instance.on(event, (detail) => events[name].push({ event, detail }));
  }
  return instance;
};
window.parleyEvents = events;
window.parleyInstances = {
  first: record('first', mount(document.getElementById('first'), { ...common, title: 'Sales', position: 'bottom-left' })),
  second: record('second', mount(document.getElementById('second'), { ...common, title: 'Support' })),
};
