import fs from 'node:fs'
import path from 'node:path'
import { POWERS_SOURCE, POWERS_STARTER_PHRASES } from '../../../src/models/powersStarter'
import { DECISION_CATEGORY_LABELS } from '../../../src/models/powers'

const seed = fs.readFileSync(path.join(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'), 'utf8')

describe('权力清单 starter (task 12)', () => {
  it('quotes the programme text verbatim, every phrase in task 12', () => {
    const task12 = seed.split('\n').find((l) => l.startsWith(POWERS_SOURCE.task))
    expect(task12).toBeDefined()
    for (const phrase of POWERS_STARTER_PHRASES)
      expect({ phrase, inTask12: task12!.includes(phrase) }).toEqual({ phrase, inTask12: true })
  })

  it('names the four “三重一大” categories by their usual names (the document names only “三重一大”)', () => {
    expect(Object.values(DECISION_CATEGORY_LABELS)).toEqual([
      '重大决策',
      '重要人事任免',
      '重大项目安排',
      '大额资金运作',
    ])
    expect(seed).toContain('“三重一大”')
  })
})
