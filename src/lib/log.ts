// The one place Parley writes to the console, prefixed so integrators can filter it.

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = {
  warn: (message, ...details) => console.warn(`[parley] ${message}`, ...details),
  error: (message, ...details) => console.error(`[parley] ${message}`, ...details),
};

export const silentLogger: Logger = { warn: () => {}, error: () => {} };
