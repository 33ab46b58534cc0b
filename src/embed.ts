// The <script> entry (dist/parley.js): reads its own data-* attributes, mounts one widget on <body>, defines
// window.Parley and dispatches `parley:ready` (widget-contract.md §1–2). The widget itself is create-widget's.

import { createWidget, type ParleyInstance } from './create-widget';
import { consoleLogger } from './lib/log';
import { kebab } from './widget-options';

declare global {
  interface Window {
    Parley?: ParleyInstance;
  }
}

/**
 * Our own <script>. `document.currentScript` is only set while the script's top level runs (async and defer
 * included), which is why this runs before anything else; the src search covers loaders that inject the
 * script in ways that leave it unset.
 */
function ownScript(): HTMLOrSVGScriptElement | null {
  const find = (attribute: string) => document.querySelector<HTMLScriptElement>(`script[src*="parley"]${attribute}`);
  return document.currentScript ?? find('[data-organization-id]') ?? find('[data-deployment-id]') ?? find('');
}

function install(): void {
  if (window.Parley) return consoleLogger.warn('parley.js is on this page more than once: the first copy runs');
  // Captured now, before any waiting: attributes are read from this very tag.
  const script = ownScript();
  // The widget mounts at once into a host that joins <body> as soon as there is one (the tag may sit in <head>), so
  // calls made right after the tag already act on it.
  const host = document.createElement('parley-widget');
  // `dataset` names `data-api-base` `apiBase`, as the options are named; the options ignore every other attribute.
  const instance = createWidget({ ...script?.dataset }, host, { label: (name) => `data-${kebab(name)}` });
  const api: ParleyInstance = {
    ...instance,
    destroy() {
      instance.destroy();
      // Everything the script added goes, the global included, so a later paste can start afresh.
      host.remove();
      document.removeEventListener('DOMContentLoaded', attach);
      if (window.Parley === api) delete window.Parley;
    },
  };
  window.Parley = api;
  // `parley:ready` goes out once the widget is on the page: at DOMContentLoaded for a tag in <head>, so a listener
  // added by a later script there still hears it.
  function attach(): void {
    // A broken configuration mounts nothing (no shadow root) and adds nothing to the page.
    if (host.shadowRoot) document.body.append(host);
    window.dispatchEvent(new CustomEvent('parley:ready', { detail: api }));
  }
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}

try {
  install();
} catch (error) {
  // Nothing escapes into the host page.
  consoleLogger.error('failed to start', error);
}
