// `npm run emulator -- [flags]`: starts the emulator in the foreground, prints the start-up lines of
// emulator-control.md (and nothing else on stdout), and stops cleanly on SIGINT/SIGTERM.

import { startFromArgs } from './cli-start';

const started = await startFromArgs(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

if (started.kind === 'exit') {
  process.exit(started.code);
} else {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    started.emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
