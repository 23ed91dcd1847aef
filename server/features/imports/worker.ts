import { parentPort } from 'node:worker_threads'
import type { WorkerReply, WorkerTask } from './workerProtocol'
import { previewWorkbook } from './preview'
import { AppError } from '../../core/errors'

/** One task per thread: a preview (read, check, result workbook). The invites are an export (core/exports). */
const port = parentPort!
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer)

port.once('message', async (task: WorkerTask) => {
  try {
    await previewWorkbook(task, send)
  } catch (error) {
    if (error instanceof AppError)
      send({ type: 'fail', status: error.statusCode, code: error.code, message: error.message })
    else
      send({ type: 'fail', status: 500, code: 'INTERNAL', message: String((error as Error)?.stack ?? error) })
  }
})
