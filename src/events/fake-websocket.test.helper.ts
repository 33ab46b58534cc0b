// A WebSocket class whose server side a unit test plays (event-stream.test.ts, create-chat.test.ts).

type Listener = (event: { type: string; data?: unknown }) => void;

/** One class (and instance list) per test. */
export function fakeWebSocketClass() {
  const instances: FakeWebSocket[] = [];
  class FakeWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    readyState = 0;
    binaryType = 'blob';
    readonly sent: string[] = [];
    readonly createdAt = Date.now();
    closedWith: { code: number; reason: string | undefined } | undefined;
    private readonly listeners = new Map<string, Set<Listener>>();

    constructor(readonly url: string) {
      instances.push(this);
    }
    addEventListener(type: string, fn: Listener) {
      const set = this.listeners.get(type) ?? new Set();
      set.add(fn);
      this.listeners.set(type, set);
    }
    removeEventListener(type: string, fn: Listener) {
      this.listeners.get(type)?.delete(fn);
    }
    send(data: string) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
      this.sent.push(data);
    }
    close(code?: number, reason?: string) {
      if (this.readyState >= 2) return;
      this.closedWith = { code: code ?? 1005, reason };
      this.readyState = 2;
      queueMicrotask(() => {
        this.readyState = 3;
        this.dispatch('close', { code: code ?? 1005, reason: reason ?? '', wasClean: true });
      });
    }
    // The server's side.
    accept() {
      this.readyState = 1;
      this.dispatch('open', {});
    }
    deliver(frame: unknown) {
      this.dispatch('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }
    deliverRaw(data: unknown) {
      this.dispatch('message', { data });
    }
    /** A network cut or refused upgrade, as a browser reports it: error, then close 1006. */
    drop() {
      this.readyState = 3;
      this.dispatch('error', {});
      this.dispatch('close', { code: 1006, reason: '', wasClean: false });
    }
    serverClose(code = 1000) {
      this.readyState = 3;
      this.dispatch('close', { code, reason: '', wasClean: true });
    }
    listenerCount(type?: string) {
      return [...this.listeners].reduce((n, [t, s]) => n + (type === undefined || t === type ? s.size : 0), 0);
    }
    private dispatch(type: string, init: object) {
      const event = { type, target: this, ...init };
      for (const fn of [...(this.listeners.get(type) ?? [])]) fn(event);
    }
  }
  return { FakeWebSocket, instances };
}
