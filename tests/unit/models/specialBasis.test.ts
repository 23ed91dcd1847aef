import fs from 'node:fs'
import path from 'node:path'
import { SPECIAL_BASES } from '../../../src/models/specialBasis'
import { specialProgress } from '../../../src/models/special'

const DOCUMENT = fs.readFileSync(
  path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'),
  'utf8',
)
const task = (n: number) => DOCUMENT.split('\n').find((line) => line.startsWith(`${n}.`)) ?? ''

describe('专项整治 bases', () => {
  it('quotes the document verbatim, within the task each cites', () => {
    for (const b of SPECIAL_BASES)
      expect({ code: b.code, inTask: task(b.task).includes(b.quote) }).toEqual({ code: b.code, inTask: true })
    expect(new Set(SPECIAL_BASES.map((b) => b.code)).size).toBe(SPECIAL_BASES.length)
    expect(task(13)).toContain('列出企业突出问题清单，开展专项整治行动')
  })

  it('tells an enterprise’s state from its report and problems', () => {
    expect(specialProgress(false, 0, 0)).toBe('unreported')
    expect(specialProgress(true, 0, 0)).toBe('done')
    expect(specialProgress(true, 2, 1)).toBe('in_progress')
    expect(specialProgress(true, 2, 2)).toBe('done')
  })
})
