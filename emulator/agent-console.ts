// The agent console page (agent-console.html), served at /agent. The page drives only the control API and
// the control event stream; this module just loads it once per emulator.

import { readFileSync } from 'node:fs';

export function readAgentConsolePage(): string {
  return readFileSync(new URL('./agent-console.html', import.meta.url), 'utf8');
}
