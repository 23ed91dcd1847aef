// The export worker thread's entry: the same TypeScript under `tsx` (dev, production start) and jest.
require('tsx/cjs/api').register()
require('./worker.ts')
