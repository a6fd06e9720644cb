// The way the client calls off the exchange that carries one request. Not an AbortController: on
// Node 20 making one and adding and removing a listener on its signal costs tens of microseconds,
// more than all the rest of a small round trip's bookkeeping, and nearly every request ends
// without being called off. An AbortSignal is made only for the rare code that needs one.

/** Whether an exchange was called off and why; tells its listeners once when it is. */
export class Cancellation {
  private called = false;
  private why: unknown;
  private listeners: (() => void)[] | undefined;
  private controller: AbortController | undefined;

  /** Whether `abort` was called. Named as AbortSignal's, so that either can be checked alike. */
  get aborted(): boolean {
    return this.called;
  }

  /** What `abort` was given, or an AbortError like AbortSignal's when it was given nothing. */
  get reason(): unknown {
    return this.why;
  }

  /** Calls the exchange off, once: every listener hears it, and so does the signal, if one was made. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.called) return;
    this.called = true;
    this.why = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
    this.controller?.abort(reason);
  }

  /** Calls `listener` when the exchange is called off; it is never called when that happened already, so check `aborted` first. */
  onAbort(listener: () => void): void {
    if (this.called) return;
    (this.listeners ??= []).push(listener);
  }

  offAbort(listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
  }

  /** An AbortSignal that aborts with this, for APIs that take one; made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.called) this.controller.abort(this.why);
    }
    return this.controller.signal;
  }
}
