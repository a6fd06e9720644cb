// One timer for the waits of all the requests a client has out, instead of one per request:
// setting and clearing a Node timer on every round trip is a measurable share of a small call's
// cost, and nearly every wait ends long before its time.

/**
 * Wakes its owner no later than the earliest time asked for. The owner answers each wake with the
 * next time it needs, so a wait that moved later (a request reported progress) costs nothing until
 * the timer comes round.
 */
export class SharedTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the armed timer fires (performance.now() time); Infinity when none is armed. */
  private firesAt = Infinity;
  private held = false;

  /** @param onWake runs when a time asked for may have come, and returns the next time it needs (Infinity for none). */
  constructor(private readonly onWake: () => number) {}

  /** Makes sure the owner is woken no later than `at` (performance.now() time; Infinity asks for nothing). */
  wakeBy(at: number): void {
    if (at >= this.firesAt) return;
    clearTimeout(this.timer);
    this.firesAt = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.ceil(at - performance.now())));
    if (!this.held) this.timer.unref();
  }

  /**
   * Whether the timer keeps the process alive: yes while something waits on it (a request with
   * nothing else under way must still time out), no once nothing does, or an idle client would
   * hold a CLI open until its last request's time.
   */
  hold(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    if (held) this.timer?.ref();
    else this.timer?.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.firesAt = Infinity;
    this.wakeBy(this.onWake());
  }
}
