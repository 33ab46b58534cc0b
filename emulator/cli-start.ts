// What `npm run emulator` does short of owning the process: parse the flags of emulator-control.md, start the
// emulator, print the start-up lines or one clear error line. cli.ts adds signals and exit codes around it.

import { createEmulator, type Emulator, type EmulatorOptions } from './index';

export const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--agent auto|manual] [--agent-delay-ms N] [--heartbeat-ms N]`;

export type ParsedArgs = { kind: 'run'; options: EmulatorOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const options: EmulatorOptions = { port: 8787, host: '127.0.0.1', agent: 'manual' };
  if (env.PORT !== undefined && env.PORT !== '') {
    const port = toInt(env.PORT, 0, 65535);
    if (port === undefined) return { kind: 'error', message: `PORT must be a port number (0–65535), got "${env.PORT}"` };
    options.port = port;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const known = ['--port', '--host', '--agent', '--agent-delay-ms', '--heartbeat-ms'];
    if (!known.includes(flag)) return { kind: 'error', message: `unknown flag "${arg}"` };
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
    switch (flag) {
      case '--port': {
        const port = toInt(value, 0, 65535);
        if (port === undefined) return { kind: 'error', message: `--port must be a port number (0–65535), got "${value}"` };
        options.port = port;
        break;
      }
      case '--host':
        options.host = value;
        break;
      case '--agent':
        if (value !== 'auto' && value !== 'manual') return { kind: 'error', message: `--agent must be auto or manual, got "${value}"` };
        options.agent = value;
        break;
      case '--agent-delay-ms': {
        const ms = toInt(value, 0, 24 * 3600 * 1000);
        if (ms === undefined) return { kind: 'error', message: `--agent-delay-ms must be a whole number of milliseconds, got "${value}"` };
        options.agentDelayMs = ms;
        break;
      }
      case '--heartbeat-ms': {
        const ms = toInt(value, 1, 24 * 3600 * 1000);
        if (ms === undefined) return { kind: 'error', message: `--heartbeat-ms must be a positive whole number of milliseconds, got "${value}"` };
        options.heartbeatMs = ms;
        break;
      }
    }
  }
  return { kind: 'run', options };
}

function toInt(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

/** The start-up lines, exactly as emulator-control.md prints them (tests outside the repository parse them). */
export function startupLines(e: { url: string; ids: { organizationId: string; deploymentId: string; queue: string; oauthClientId: string; oauthSecret: string }; controlToken: string | undefined }): string[] {
  const lines = [
    `Parley emulator listening on ${e.url}`,
    `organizationId ${e.ids.organizationId}`,
    `deploymentId   ${e.ids.deploymentId}`,
    `queue          ${e.ids.queue}`,
    `oauthClientId  ${e.ids.oauthClientId}`,
    `oauthSecret    ${e.ids.oauthSecret}`,
    `agent console  ${e.url}/agent`,
  ];
  if (e.controlToken !== undefined) lines.push(`controlToken ${e.controlToken}`);
  return lines;
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Starts the emulator as the command line does; resolves with it running, or with the exit code to use. */
export async function startFromArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliOutput,
): Promise<{ kind: 'running'; emulator: Emulator } | { kind: 'exit'; code: number }> {
  const parsed = parseArgs(argv, env);
  if (parsed.kind === 'help') {
    io.out(USAGE);
    return { kind: 'exit', code: 0 };
  }
  if (parsed.kind === 'error') {
    io.err(`Parley emulator: ${parsed.message}. ${USAGE}`);
    return { kind: 'exit', code: 1 };
  }
  const { options } = parsed;
  try {
    const emulator = await createEmulator(options);
    for (const line of startupLines(emulator)) io.out(line);
    return { kind: 'running', emulator };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const where = `port ${options.port} on ${options.host}`;
    if (code === 'EADDRINUSE') io.err(`Parley emulator: ${where} is already in use (choose another with --port, or --port 0 for any free one).`);
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') io.err(`Parley emulator: cannot bind to host ${options.host} (${code}).`);
    else if (code === 'EACCES') io.err(`Parley emulator: not allowed to listen on ${where} (EACCES).`);
    else io.err(`Parley emulator: could not start: ${e instanceof Error ? e.message : String(e)}`);
    return { kind: 'exit', code: 1 };
  }
}
