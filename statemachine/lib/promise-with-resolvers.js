'use strict';

// aws-local-stepfunctions 3.x calls Promise.withResolvers (Node >= 22) in every Task state. On Node 20 the call
// throws a TypeError that the engine reports as the Task's error, so without this every Task fails. Load this
// module before the engine runs anything.
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
