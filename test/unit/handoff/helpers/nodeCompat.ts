// nock 15.0.2 pulls in @mswjs/interceptors 0.44, which calls Promise.withResolvers (Node 22+) for
// every socket and fetch once nock is loaded. On Node 20 that breaks every connection, loopback
// included. test/helpers/setup.ts should carry this; until it does, hand-off tests import it first.
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
const promiseConstructor = Promise as PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };

if (typeof promiseConstructor.withResolvers !== 'function') {
  promiseConstructor.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
