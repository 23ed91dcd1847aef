import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { WorkerReply, WorkerTask } from './workerProtocol'

/**
 * Runs one task in its own worker thread (the workbook work never runs on the API's event loop) and
 * hands every reply to `onReply` in order. Settles after the final reply (`done` or `fail`); rejects
 * if the thread dies without one. `terminate` stops it early.
 */
export interface WorkerRun {
  finished: Promise<void>
  terminate(): Promise<void>
}

export function runInWorker(
  task: WorkerTask,
  transfer: ArrayBuffer[],
  onReply: (reply: WorkerReply) => void,
): WorkerRun {
  // execArgv empty: the entry registers tsx itself, the same under tsx, `npm start` and jest.
  const worker = new Worker(path.join(__dirname, 'worker.cjs'), { execArgv: [] })
  let settled = false
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (settled) return
      onReply(reply)
      if (reply.type === 'done' || reply.type === 'fail') {
        settled = true
        resolve()
        void worker.terminate()
      }
    })
    worker.on('error', (error) => {
      if (settled) return
      settled = true
      reject(error)
    })
    worker.on('exit', (code) => {
      if (settled) return
      settled = true
      reject(new Error(`import worker exited (${code}) without an answer`))
    })
  })
  worker.postMessage(task, transfer)
  return {
    finished,
    async terminate() {
      settled = true
      await worker.terminate()
    },
  }
}
