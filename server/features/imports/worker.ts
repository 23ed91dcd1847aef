import { parentPort } from 'node:worker_threads'
import type { WorkerReply, WorkerTask } from './workerProtocol'
import { previewWorkbook } from './preview'
import { buildInvitesDocx } from './invitesDocx'
import { AppError } from '../../core/errors'

/** One task per thread: a preview (read, check, result workbook) or the printable invites. */
const port = parentPort!
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer)

port.once('message', async (task: WorkerTask) => {
  try {
    if (task.kind === 'preview') {
      await previewWorkbook(task, send)
    } else {
      const content = await buildInvitesDocx(task.items, task.title)
      const bytes = content.buffer.slice(
        content.byteOffset,
        content.byteOffset + content.byteLength,
      ) as ArrayBuffer
      send({ type: 'done', content: bytes }, [bytes])
    }
  } catch (error) {
    if (error instanceof AppError)
      send({ type: 'fail', status: error.statusCode, code: error.code, message: error.message })
    else
      send({ type: 'fail', status: 500, code: 'INTERNAL', message: String((error as Error)?.stack ?? error) })
  }
})
