import fs from 'node:fs'
import path from 'node:path'
import {
  addMonths,
  RISK_AREAS,
  RISK_MATRIX,
  RISK_STARTERS,
  riskLevel,
  reviewOverdue,
  startersFor,
} from '../../../src/models/risk'
import { OWNERSHIPS } from '../../../src/models/org'

const DOCUMENT = fs.readFileSync(
  path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'),
  'utf8',
)
/** The text of one numbered task of 二、主要任务 (its paragraph starts with the number and a full stop). */
const task = (n: number) => DOCUMENT.split('\n').find((line) => line.startsWith(`${n}.`)) ?? ''

describe('廉洁风险点 areas and starter list', () => {
  it('names every area as the task it cites words it', () => {
    for (const area of RISK_AREAS) {
      if (area.code === 'other') continue
      expect({ area: area.label, inTask: task(area.task).includes(area.quote) }).toEqual({
        area: area.label,
        inTask: true,
      })
      expect(area.quote).toContain(area.label)
    }
  })

  it('quotes the document verbatim in every starter item, within the task it cites', () => {
    for (const s of RISK_STARTERS) {
      const text = task(s.task)
      expect({
        code: s.code,
        description: text.includes(s.description),
        measures: text.includes(s.measures),
      }).toEqual({ code: s.code, description: true, measures: true })
    }
    expect(new Set(RISK_STARTERS.map((s) => s.code)).size).toBe(RISK_STARTERS.length)
  })

  it('gives every ownership kind a starter list, the 国企 one with the task 13 areas', () => {
    for (const o of OWNERSHIPS) expect(startersFor(o).length).toBeGreaterThan(0)
    expect(startersFor('state_owned').map((s) => s.area)).toContain('restructuring')
    expect(startersFor('private').map((s) => s.area)).not.toContain('restructuring')
  })
})

describe('risk level and review schedule', () => {
  it('reads the level from the matrix', () => {
    expect(RISK_MATRIX).toHaveLength(3)
    expect(riskLevel(1, 1)).toBe('low')
    expect(riskLevel(2, 2)).toBe('medium')
    expect(riskLevel(3, 3)).toBe('high')
    expect(riskLevel(2, 3)).toBe('high')
  })

  it('adds months on calendar dates, clamped to the month’s end', () => {
    expect(addMonths('2026-04-01', 1)).toBe('2026-05-01')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15')
    expect(addMonths('2026-06-30', 12)).toBe('2027-06-30')
  })

  it('is overdue only when active and past the date', () => {
    expect(reviewOverdue('active', '2026-05-01', '2026-05-01')).toBe(false)
    expect(reviewOverdue('active', '2026-05-01', '2026-05-02')).toBe(true)
    expect(reviewOverdue('rectified', '2026-05-01', '2026-05-02')).toBe(false)
  })
})
