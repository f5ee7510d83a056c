import { TurnRunner } from './turn-runner';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(TurnRunner.name, () => {
  it('runs tasks of one key in order, even when earlier ones are slower', async () => {
    const order: string[] = [];
    const sut = new TurnRunner(() => undefined);
    sut.enqueue('c1', async () => {
      await tick(30);
      order.push('first');
    });
    sut.enqueue('c1', async () => {
      order.push('second');
    });
    await sut.drain();
    expect(order).toEqual(['first', 'second']);
  });

  it('runs different keys concurrently', async () => {
    const order: string[] = [];
    const sut = new TurnRunner(() => undefined);
    sut.enqueue('slow', async () => {
      await tick(40);
      order.push('slow');
    });
    sut.enqueue('fast', async () => {
      order.push('fast');
    });
    await sut.drain();
    expect(order).toEqual(['fast', 'slow']);
  });

  it('reports a failing task and keeps serving the key', async () => {
    const errors: unknown[] = [];
    const done: string[] = [];
    const sut = new TurnRunner((error) => errors.push(error));
    sut.enqueue('c1', () => Promise.reject(new Error('boom')));
    sut.enqueue('c1', async () => {
      done.push('after');
    });
    await sut.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['after']);
    expect(sut.pending).toBe(0);
  });
});

describe(`${TurnRunner.name}.run`, () => {
  it('runs after the queued turns of its key and settles with the task result', async () => {
    const order: string[] = [];
    const sut = new TurnRunner(() => undefined);
    sut.enqueue('c1', async () => {
      await tick(20);
      order.push('turn');
    });
    const result = await sut.run('c1', () => {
      order.push('action');
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(order).toEqual(['turn', 'action']);
  });

  it('rejects with the task error without reporting it, and keeps serving the key', async () => {
    const errors: unknown[] = [];
    const sut = new TurnRunner((error) => errors.push(error));
    await expect(sut.run('c1', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(sut.run('c1', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(errors).toEqual([]);
    await sut.drain();
    expect(sut.pending).toBe(0);
  });
});
