/**
 * Collects concurrent single-item calls into one batch call: a batch goes out when it holds
 * `maxSize` items or `maxWaitMs` after its first item. Each caller gets its own result or error.
 *
 * If a batch fails, its items are retried one by one, so one bad item (a row a constraint rejects)
 * fails alone instead of taking its whole batch down with it.
 */
export class MicroBatcher<In, Out> {
  private waiting: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly handle: (items: In[]) => Promise<Out[]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) void this.run(batch);
  }

  private async run(batch: typeof this.waiting): Promise<void> {
    try {
      const results = await this.handle(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      await Promise.all(batch.map((entry) => this.run([entry])));
    }
  }
}
