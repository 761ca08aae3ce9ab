import { SingleFlight } from './single-flight';

describe(SingleFlight.name, () => {
  it('runs one load for concurrent callers of a key and gives them all its result', async () => {
    const flights = new SingleFlight();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'value';
    };

    const results = await Promise.all(Array.from({ length: 50 }, () => flights.run('k', load)));

    expect(loads).toBe(1);
    expect(new Set(results)).toEqual(new Set(['value']));
  });

  it('keeps keys apart and loads again once a flight has landed', async () => {
    const flights = new SingleFlight();
    let loads = 0;
    const load = () => Promise.resolve(++loads);

    await Promise.all([flights.run('a', load), flights.run('b', load)]);
    await flights.run('a', load);

    expect(loads).toBe(3);
  });

  it('shares a failure with the callers of that flight only', async () => {
    const flights = new SingleFlight();
    const failing = flights.run('k', () => Promise.reject(new Error('database down')));

    await expect(failing).rejects.toThrow('database down');
    await expect(flights.run('k', () => Promise.resolve('recovered'))).resolves.toBe('recovered');
  });

  it('starts a fresh load after forget, while the old one still finishes for its callers', async () => {
    const flights = new SingleFlight();
    let release: (value: string) => void = () => undefined;
    const old = flights.run('k', () => new Promise<string>((resolve) => (release = resolve)));

    flights.forget('k');
    const fresh = flights.run('k', () => Promise.resolve('new'));
    release('old');

    await expect(old).resolves.toBe('old');
    await expect(fresh).resolves.toBe('new');
  });
});
