// Two emulators in one process share nothing: worlds, keys, tokens, faults, sockets and control state.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../src/protocol/models';
import { adminToken, createGuest, openStream, startEmulator, updateDefaultDeployment, type TestEmulator } from './test-kit';

let one: TestEmulator;
let two: TestEmulator;
beforeEach(async () => {
  [one, two] = [await startEmulator(), await startEmulator()];
});
afterEach(async () => {
  await one.close();
  await two.close();
});

describe('two emulators in one process', () => {
  it('keep separate conversations, keys and tokens', async () => {
    const g = await createGuest(one);
    expect((await two.call('GET', '/_emulator/conversations')).body).toEqual([]);
    const r = await two.call<ErrorBody>('GET', g.base + '/members', { token: g.jwt });
    expect([r.status, r.body.code]).toEqual([401, 'bad.credentials']);
    const t = await two.call<ErrorBody>('GET', '/api/v2/webchat/settings', { token: await adminToken(one) });
    expect(t.status).toBe(401);
    await expect(openStream(g.eventStreamUri.replace(`:${one.port}/`, `:${two.port}/`))).rejects.toThrow('401');
  });

  it('keep separate deployments, faults and resets', async () => {
    await updateDefaultDeployment(one, { disabled: true });
    await one.call('POST', '/_emulator/faults', { body: { failRequests: { status: 503, count: 10 } } });
    expect((await createGuest(two)).jwt).toBeTruthy();
    const g2 = await createGuest(two);
    await one.call('POST', '/_emulator/reset');
    expect((await two.call('GET', g2.base + '/members', { token: g2.jwt })).status).toBe(200);
    expect((await one.call('GET', '/_emulator/conversations')).body).toEqual([]);
  });

  it('close independently', async () => {
    const g = await createGuest(two);
    const s = await openStream(g.eventStreamUri);
    await one.close();
    expect((await two.call('GET', '/_emulator/health')).status).toBe(200);
    expect(two.guestSocketCount()).toBe(1);
    s.close();
  });
});
