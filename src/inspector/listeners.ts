/** A set of callbacks that all hear each emitted value. */
export class Listeners<T> {
  private readonly callbacks = new Set<(value: T) => void>();

  /** Adds a callback; the returned function removes it. */
  add(callback: (value: T) => void): () => void {
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  }

  emit(value: T): void {
    for (const callback of this.callbacks) callback(value);
  }
}
