import fs from 'node:fs'
import path from 'node:path'
import {
  DEALING_LIST_BASIS,
  DEALING_LIST_KINDS,
  DEALING_LIST_LABELS,
  DEALING_LIST_PUBLISHER_DEPARTMENTS,
  DEALING_LIST_STARTER,
  dealingBasisLine,
} from '../../../src/models/dealings'
import { PROGRAMME_DEPARTMENTS } from '../../../src/models/department'

const DOC = fs.readFileSync(
  path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'),
  'utf8',
)
const TASK_10 = DOC.split('\n').find((l) => l.startsWith('10.塑造亲清政商文化'))!

describe('政商交往清单 starter content', () => {
  const items = DEALING_LIST_KINDS.flatMap((k) => DEALING_LIST_STARTER[k].map((i) => [k, i.text, i.basis]))
  it.each(items)('%s: 「%s」 stands verbatim in the programme', (_kind, text) => {
    expect(DOC).toContain(text)
  })

  it('each item cites where it stands: task 10 items are in task 10', () => {
    for (const k of DEALING_LIST_KINDS)
      for (const i of DEALING_LIST_STARTER[k]) {
        if (i.basis.startsWith('主要任务10')) expect(TASK_10).toContain(i.text)
        else expect(i.basis).toBe('总体要求（二）主要目标')
      }
  })

  it('the three lists and the publishers are the ones task 10 names', () => {
    for (const k of DEALING_LIST_KINDS)
      expect(TASK_10).toContain(DEALING_LIST_LABELS[k].replace(/^政商交往/, ''))
    for (const name of DEALING_LIST_PUBLISHER_DEPARTMENTS) {
      expect(TASK_10).toContain(name)
      expect(PROGRAMME_DEPARTMENTS.map((d) => d.name)).toContain(name)
    }
    expect(TASK_10).toContain('牵头单位：县委统战部、县工商联')
    expect(DEALING_LIST_BASIS).toContain('塑造亲清政商文化')
  })

  it('the basis line names each kind once, in order', () => {
    expect(
      dealingBasisLine([
        { kind: 'guidance', version: 1 },
        { kind: 'positive', version: 3 },
      ]),
    ).toBe('依据《政商交往清单》正面清单第3版、清廉民企建设引导清单第1版')
    expect(dealingBasisLine([])).toBe('')
  })
})
