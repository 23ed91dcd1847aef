import fs from 'node:fs'
import path from 'node:path'
import { PLEDGE_TEMPLATES_V1, PLEDGE_TEMPLATES_V1_VERSION } from '../../../seeds/pledges/v1'
import {
  PLEDGE_KINDS,
  PLEDGE_KIND_LABELS,
  ZPledgeTemplateContent,
  renderPledgeText,
  type TPledgeKind,
} from '../../../src/models/pledge'

/** The programme document: /work/shared/seed/… beside the repository (as tests/unit/seeds/checklist.test.ts). */
const DOC_PATH = path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt')
const doc = fs.readFileSync(DOC_PATH, 'utf8')

const TASKS_TEXT = doc.slice(doc.indexOf('\n二、主要任务\n'), doc.indexOf('\n三、实施步骤\n'))
const REQUIREMENTS_TEXT = doc.slice(doc.indexOf('\n四、工作要求\n'), doc.indexOf('\n附件'))
const GENERAL_TEXT = doc.slice(doc.indexOf('\n一、总体要求\n'), doc.indexOf('\n二、主要任务\n'))

/** Task N of 二、主要任务: from the line opening with 'N.' to the next task or group heading. */
function taskText(n: number): string {
  const lines = TASKS_TEXT.split('\n')
  const start = lines.findIndex((l) => l.startsWith(`${n}.`))
  if (start < 0) throw new Error(`task ${n} not found`)
  const out = [lines[start]]
  for (const line of lines.slice(start + 1)) {
    if (/^\d{1,2}\./.test(line) || /^（[一二三四五六七八九十]+）/.test(line)) break
    out.push(line)
  }
  return out.join('\n')
}

/** The text a basis points at: 任务N, 总体要求（二）, or 工作要求（一）N. */
function cited(ref: string): string {
  const task = /^任务(\d{1,2})$/.exec(ref)
  if (task) return taskText(Number(task[1]))
  const general = /^总体要求（([一二])）$/.exec(ref)
  if (general) {
    const parts = GENERAL_TEXT.split(/\n(?=（[一二]）)/)
    return parts.find((p) => p.startsWith(`（${general[1]}）`)) ?? ''
  }
  const requirement = /^工作要求（([一二三])）(\d)$/.exec(ref)
  if (requirement) {
    const part =
      REQUIREMENTS_TEXT.split(/\n(?=（[一二三]）)/).find((p) => p.startsWith(`（${requirement[1]}）`)) ?? ''
    const n = Number(requirement[2])
    const from = part.indexOf(`${n}.`)
    const to = part.indexOf(`${n + 1}.`, from + 2)
    return from < 0 ? '' : part.slice(from, to < 0 ? undefined : to)
  }
  throw new Error(`unknown basis ref ${ref}`)
}

const clauses = PLEDGE_KINDS.flatMap((kind) =>
  PLEDGE_TEMPLATES_V1[kind].clauses.map((clause, i) => ({ kind, i: i + 1, clause })),
)

describe('pledge templates v1', () => {
  it('is version 1 with the four kinds, each parsing and titled as its kind', () => {
    expect(PLEDGE_TEMPLATES_V1_VERSION).toBe(1)
    expect(Object.keys(PLEDGE_TEMPLATES_V1).sort()).toEqual([...PLEDGE_KINDS].sort())
    for (const kind of PLEDGE_KINDS) {
      expect(ZPledgeTemplateContent.safeParse(PLEDGE_TEMPLATES_V1[kind]).success).toBe(true)
      expect(PLEDGE_TEMPLATES_V1[kind].title).toBe(PLEDGE_KIND_LABELS[kind])
    }
  })

  it('every clause cites a task (or part) and the quote is copied verbatim from the document', () => {
    const missing = clauses.filter((c) => !c.clause.basis || !doc.includes(c.clause.basis.quote))
    expect(missing.map((c) => `${c.kind} ${c.i}`)).toEqual([])
  })

  it('every quote comes from inside the task or part the clause cites', () => {
    const elsewhere = clauses.filter((c) => !cited(c.clause.basis!.ref).includes(c.clause.basis!.quote))
    expect(elsewhere.map((c) => `${c.kind} ${c.i}: ${c.clause.basis!.ref} ${c.clause.basis!.quote}`)).toEqual(
      [],
    )
  })

  it('every clause says what its quote says (the quote is inside the clause text)', () => {
    const drifted = clauses.filter((c) => !c.clause.text.includes(c.clause.basis!.quote))
    expect(drifted.map((c) => `${c.kind} ${c.i}`)).toEqual([])
  })

  it('the 企业 pledge holds the four 底线 of task 8; the 政商 pledge comes from task 10', () => {
    expect(JSON.stringify(PLEDGE_TEMPLATES_V1.enterprise)).toContain('不行贿、不欠薪、不逃税、不侵权')
    expect(taskText(10)).toContain('探索党员干部、企业双边清廉承诺')
    expect(PLEDGE_TEMPLATES_V1.government_business.preamble).toContain('党员干部、企业双边清廉承诺')
    expect(PLEDGE_TEMPLATES_V1.soe_leader.clauses[0].text).toContain('《国有企业领导人员廉洁从业若干规定》')
    const sides = new Set(PLEDGE_TEMPLATES_V1.government_business.clauses.map((c) => c.party))
    expect([...sides].sort()).toEqual(['both', 'department', 'enterprise'])
  })

  it.each(PLEDGE_KINDS.map((k) => [k]))('%s renders with every placeholder filled', (kind) => {
    const text = renderPledgeText(kind as TPledgeKind, PLEDGE_TEMPLATES_V1[kind as TPledgeKind], {
      signer: '王小军',
      enterprise: '县恒达食品有限公司',
      department: '县工业信息化和商务局',
    })
    expect(text).not.toMatch(/\{\{|\}\}|＿/)
    expect(text.split('\n')[0]).toBe(PLEDGE_KIND_LABELS[kind as TPledgeKind])
    expect(text).toContain('一、')
    if (kind === 'government_business') {
      expect(text).toContain('县工业信息化和商务局')
      expect(text).toMatch(/党员干部承诺：[\s\S]*企业承诺：/)
    } else expect(text).toContain('王小军')
  })
})
