// The command line: flag parsing, the exact start-up lines of emulator-control.md, one clear line and exit code 1
// when the port is taken, and (spawning `node --import tsx emulator/cli.ts` once, as `npm run emulator` does) a clean
// stop on SIGINT.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, startFromArgs, startupLines } from './cli-start';
import { startEmulator } from './test-kit';
import { DEFAULT_WORLD } from './world';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('parseArgs', () => {
  it('defaults to 127.0.0.1:8787 and the manual agent', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', options: { port: 8787, host: '127.0.0.1', agent: 'manual' } });
  });
  it('reads every flag, in both --flag value and --flag=value forms, and PORT from the environment', () => {
    expect(parseArgs(['--port', '0', '--host=0.0.0.0', '--agent', 'auto', '--agent-delay-ms=200', '--heartbeat-ms', '5000'])).toEqual({
      kind: 'run',
      options: { port: 0, host: '0.0.0.0', agent: 'auto', agentDelayMs: 200, heartbeatMs: 5000 },
    });
    expect(parseArgs([], { PORT: '9000' })).toMatchObject({ options: { port: 9000 } });
    expect(parseArgs(['--port', '1234'], { PORT: '9000' })).toMatchObject({ options: { port: 1234 } });
  });
  it.each([[['--port', 'x']], [['--port', '70000']], [['--agent', 'robot']], [['--heartbeat-ms', '0']], [['--agent-delay-ms', '-1']], [['--bogus']], [['--port']]])(
    'refuses %j with a clear message',
    (argv) => {
      const r = parseArgs(argv);
      expect(r.kind).toBe('error');
    },
  );
  it('answers --help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });
});

describe('startupLines', () => {
  it('prints exactly the lines of emulator-control.md, and controlToken last when there is one', () => {
    const e = { url: 'http://127.0.0.1:8787', ids: DEFAULT_WORLD, controlToken: undefined };
    expect(startupLines(e).join('\n')).toBe(
      [
        'Parley emulator listening on http://127.0.0.1:8787',
        'organizationId c0ffee00-0000-4000-8000-000000000001',
        'deploymentId   c0ffee00-0000-4000-8000-000000000002',
        'queue          Support',
        'oauthClientId  c0ffee00-0000-4000-8000-000000000003',
        'oauthSecret    parley-emulator-secret',
        'agent console  http://127.0.0.1:8787/agent',
      ].join('\n'),
    );
    expect(startupLines({ ...e, controlToken: 'abc' }).at(-1)).toBe('controlToken abc');
  });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(args: string[]): Run {
  // Not through the tsx CLI: it relays a signal to its child and SIGKILLs it when the child has not said within ~30 ms
  // that the signal arrived, which on a busy machine skips the clean stop under test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], { cwd: root, env: { ...process.env, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

const linesOf = (r: Run, n: number) =>
  new Promise<string[]>((resolve, reject) => {
    const check = () => {
      const lines = r.stdout().split('\n').filter(Boolean);
      if (lines.length >= n) resolve(lines);
    };
    r.child.stdout?.on('data', check);
    r.exit.then(() => reject(new Error(`exited early: ${r.stdout()} ${r.stderr()}`)));
    check();
  });

describe('npm run emulator', () => {
  it('prints the start-up lines, serves the printed URL, and stops cleanly on SIGINT', async () => {
    const r = run(['--port', '0']);
    const lines = await linesOf(r, 7);
    const url = /^Parley emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
    expect(url).toBeDefined();
    expect(lines.slice(1)).toEqual([
      `organizationId ${DEFAULT_WORLD.organizationId}`,
      `deploymentId   ${DEFAULT_WORLD.deploymentId}`,
      `queue          ${DEFAULT_WORLD.queue}`,
      `oauthClientId  ${DEFAULT_WORLD.oauthClientId}`,
      `oauthSecret    ${DEFAULT_WORLD.oauthSecret}`,
      `agent console  ${url}/agent`,
    ]);
    expect(await (await fetch(`${url}/_emulator/health`)).json()).toEqual({ ok: true });
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
    expect(r.stdout().split('\n').filter(Boolean)).toHaveLength(7);
  }, 60_000);

});

describe('startFromArgs', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('prints controlToken last when bound off loopback, and the control API demands it', async () => {
    const o = io();
    const started = await startFromArgs(['--port', '0', '--host', '0.0.0.0'], {}, o.io);
    if (started.kind !== 'running') throw new Error(o.err.join('\n'));
    expect(o.out).toHaveLength(8);
    expect(o.out[0]).toBe(`Parley emulator listening on http://0.0.0.0:${started.emulator.port}`);
    const token = /^controlToken (\S+)$/.exec(o.out[7] ?? '')?.[1];
    expect(token).toBe(started.emulator.controlToken);
    const health = `http://127.0.0.1:${started.emulator.port}/_emulator/health`;
    expect((await fetch(health)).status).toBe(401);
    expect((await fetch(health, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    await started.emulator.close();
  });

  it('prints one clear line and answers exit code 1 when the port is in use', async () => {
    const busy = await startEmulator();
    const o = io();
    expect(await startFromArgs(['--port', String(busy.port)], {}, o.io)).toEqual({ kind: 'exit', code: 1 });
    expect(o.out).toEqual([]);
    expect(o.err).toHaveLength(1);
    expect(o.err[0]).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
    await busy.close();
  });

  it('prints one line and answers exit code 1 for a bad flag', async () => {
    const o = io();
    expect(await startFromArgs(['--agent', 'robot'], {}, o.io)).toEqual({ kind: 'exit', code: 1 });
    expect(o.err).toHaveLength(1);
    expect(o.err[0]).toContain('--agent must be auto or manual');
  });
});
