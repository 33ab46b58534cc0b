// A Preact app bundling `parley-chat/preact` with its own Preact. Options come from the query string
// (?api=<emulator origin>); window.app lets a test re-render with other props or unmount.
import { h, render } from 'preact';
import { ParleyChat } from 'parley-chat/preact';

const params = new URLSearchParams(location.search);
const base = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  apiBase: params.get('api') ?? '',
  title: 'From Preact',
};
const root = document.getElementById('app');
window.instances = [];
window.app = {
  render(props = {}) {
    render(h(ParleyChat, { ...base, ...props, onInstance: (i) => window.instances.push(i ? 'mounted' : 'unmounted') }), root);
  },
  unmount() {
    render(null, root);
  },
};
window.app.render();
