import { ExportQueue } from '../../../server/core/exports/queue'
import { AppError } from '../../../server/core/errors'

/** A job that finishes when told to. */
function held() {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return { release, job: () => gate }
}

describe('ExportQueue', () => {
  it('runs one at a time, lets two wait, refuses the next with 429 EXPORT_BUSY, then runs the waiting in order', async () => {
    const queue = new ExportQueue(1, 2)
    const order: string[] = []
    const first = held()
    const running = queue.run(async () => {
      await first.job()
      order.push('first')
    })
    const second = queue.run(async () => void order.push('second'))
    const third = queue.run(async () => void order.push('third'))
    expect(queue.size).toEqual({ active: 1, waiting: 2 })
    const refused = await queue.run(async () => 'never').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ statusCode: 429, code: 'EXPORT_BUSY' })
    first.release()
    await Promise.all([running, second, third])
    expect(order).toEqual(['first', 'second', 'third'])
    expect(queue.size).toEqual({ active: 0, waiting: 0 })
  })

  it('frees the slot when a job fails', async () => {
    const queue = new ExportQueue(1, 0)
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(queue.run(async () => 'ok')).resolves.toBe('ok')
  })
})
