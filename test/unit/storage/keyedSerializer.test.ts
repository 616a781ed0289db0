import { KeyedSerializer } from '../../../src/storage/keyedSerializer';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs tasks for one key in queue order, one at a time', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
    };
    await Promise.all([serializer.run('k', task('a')), serializer.run('k', task('b')), serializer.run('k', task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys concurrently', async () => {
    const serializer = new KeyedSerializer();
    let release!: () => void;
    const blocked = serializer.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(serializer.run('b', async () => 'b done')).resolves.toBe('b done');
    release();
    await blocked;
  });

  it('passes a failure to its caller only, and carries on with the next task', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('k', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('k', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('whenIdle waits for queued work', async () => {
    const serializer = new KeyedSerializer();
    let done = false;
    void serializer.run('k', async () => {
      await tick();
      done = true;
    });
    await serializer.whenIdle('k');
    expect(done).toBe(true);
    await expect(serializer.whenIdle('unknown')).resolves.toBeUndefined();
  });
});
