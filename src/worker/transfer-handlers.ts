// What lets the engine API be called across the worker boundary exactly as it
// is called in the same thread: a callback argument crosses as a Comlink proxy
// and an AbortSignal as a MessagePort whose one message means "aborted". The
// main thread (bridge) and the worker entry both register these, so the
// bridge is a generic wrapper of the API's type and no method is written out
// by hand. Comlink applies handlers to top-level arguments only: signals and
// callbacks are always their own parameters, never fields of an options object.

import * as Comlink from 'comlink';

type Callback = (...args: never[]) => unknown;

interface WireSignal {
  aborted: boolean;
  port: MessagePort;
}

const signalHandler: Comlink.TransferHandler<AbortSignal, WireSignal> = {
  canHandle: (v): v is AbortSignal => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal,
  serialize(signal) {
    const { port1, port2 } = new MessageChannel();
    if (!signal.aborted) {
      signal.addEventListener(
        'abort',
        () => {
          port1.postMessage(0);
          port1.close();
        },
        { once: true },
      );
    }
    return [{ aborted: signal.aborted, port: port2 }, [port2]];
  },
  deserialize({ aborted, port }) {
    const ac = new AbortController();
    if (aborted) {
      ac.abort();
      port.close();
    } else {
      port.onmessage = () => {
        ac.abort();
        port.close();
      };
    }
    return ac.signal;
  },
};

function callbackHandler(): Comlink.TransferHandler<Callback, MessagePort> {
  const proxy = Comlink.transferHandlers.get('proxy') as Comlink.TransferHandler<object, MessagePort>;
  return {
    // Functions already marked with Comlink.proxy() go through Comlink's own handler, which comes first.
    canHandle: (v): v is Callback => typeof v === 'function' && !(Comlink.proxyMarker in v),
    serialize: (fn) => proxy.serialize(Comlink.proxy(fn)),
    deserialize: (port) => proxy.deserialize(port) as Callback,
  };
}

let registered = false;

/** Register both handlers (idempotent). Call on each side before the first call crosses. */
export function registerTransferHandlers(): void {
  if (registered) return;
  registered = true;
  Comlink.transferHandlers.set('abort-signal', signalHandler as Comlink.TransferHandler<unknown, unknown>);
  Comlink.transferHandlers.set('callback', callbackHandler() as Comlink.TransferHandler<unknown, unknown>);
}
