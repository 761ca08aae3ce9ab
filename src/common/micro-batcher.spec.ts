import { MicroBatcher } from './micro-batcher';

describe(MicroBatcher.name, () => {
  it('sends concurrent items as one batch and answers each caller with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher((items: number[]) => {
      batches.push(items);
      return Promise.resolve(items.map((item) => item * 10));
    }, 100, 5);

    const results = await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));

    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('does not let a batch grow beyond its maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher((items: number[]) => {
      sizes.push(items.length);
      return Promise.resolve(items);
    }, 2, 50);

    await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.submit(item)));

    expect(sizes).toEqual([2, 2, 1]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const batcher = new MicroBatcher((items: number[]) => (items.includes(13) ? Promise.reject(new Error('unlucky')) : Promise.resolve(items)), 10, 1);

    const outcomes = await Promise.allSettled([12, 13, 14].map((item) => batcher.submit(item)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
