import { AppError } from '../errors'

/**
 * At most `running` exports at a time (each holds its data queries and its worker), `waiting` more in
 * line; past that an export is refused at once (429 EXPORT_BUSY) rather than queued for minutes: on two
 * cores a third workbook would only slow the first two and every other request.
 */
export class ExportQueue {
  private active = 0
  private readonly line: (() => void)[] = []

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active < this.running) this.active += 1
    else if (this.line.length < this.waiting) await new Promise<void>((resolve) => this.line.push(resolve))
    else throw new AppError(429, 'EXPORT_BUSY')
    try {
      return await job()
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.line.shift()
      if (next) next()
      else this.active -= 1
    }
  }

  get size(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.line.length }
  }
}
