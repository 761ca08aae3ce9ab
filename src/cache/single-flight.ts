/**
 * Concurrent callers asking for the same key share one running load instead of starting their own:
 * when a hot key expires, this process sends one query to the database, not one per request.
 */
export class SingleFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (running) return running as Promise<T>;

    const flight = load().finally(() => {
      if (this.running.get(key) === flight) this.running.delete(key);
    });
    this.running.set(key, flight);

    return flight;
  }

  /** Callers arriving after a write start a fresh load instead of joining one that began before it. */
  forget(key: string): void {
    this.running.delete(key);
  }
}
