import { CHECKLIST_V1, CHECKLIST_V1_VERSION } from '../../../seeds/checklist/v1'
import { applicableItems } from '../../../src/models/assessment'
import { DIMENSIONS, ZChecklistItem, sectionOfTask, type TTaskRef } from '../../../src/models/checklist'
import type { TChecklistItem } from '../../../src/models/checklist'
import type { TOwnership } from '../../../src/models/org'
import {
  REQUIREMENTS_TEXT,
  STEPS_TEXT,
  TASK_TEXT,
  citedText,
  doc,
  numbered,
  subsection,
} from './programmeDoc'

// ---------- helpers ----------

const STATE_KINDS: TOwnership[] = ['state_owned', 'state_controlled', 'mixed']
const isStateOnly = (item: TChecklistItem) =>
  item.applicability.ownerships.every((o) => STATE_KINDS.includes(o))
const text = (item: TChecklistItem) => `${item.question}\n${item.basis.quote}`
const codesOf = (items: TChecklistItem[]) => items.map((i) => i.code)

const TASK_REFS: TTaskRef[] = [...Array.from({ length: 15 }, (_, i) => i + 1), 'S', 'R']

function codePrefix(task: TTaskRef): string {
  return typeof task === 'number' ? `T${String(task).padStart(2, '0')}-` : `${task}-`
}

describe('the programme document as the test reads it', () => {
  it('splits 二、主要任务 into tasks 1-15, each opening with its own number', () => {
    expect([...TASK_TEXT.keys()]).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
    for (const [n, body] of TASK_TEXT) expect(body.startsWith(`${n}.`)).toBe(true)
    // The chapters after 二 are not part of any task: their '1.' does not leak into task 1.
    expect(TASK_TEXT.get(1)).not.toContain('加强调研')
    expect(TASK_TEXT.get(15)).not.toContain('三、实施步骤')
    expect(numbered(subsection(STEPS_TEXT, '（二）'), 1)).toContain('2022年6月15日前完成')
    expect(numbered(subsection(REQUIREMENTS_TEXT, '（一）'), 3)).toContain('四责协同')
  })
})

describe('checklist v1', () => {
  it('is version 1 with a plausible number of items', () => {
    expect(CHECKLIST_V1_VERSION).toBe(1)
    expect(CHECKLIST_V1.length).toBeGreaterThanOrEqual(70)
    expect(CHECKLIST_V1.length).toBeLessThanOrEqual(120)
  })

  it('every item parses with ZChecklistItem', () => {
    const failures = CHECKLIST_V1.map((item) => ({ code: item.code, result: ZChecklistItem.safeParse(item) }))
      .filter((f) => !f.result.success)
      .map((f) => `${f.code}: ${f.result.error?.message}`)
    expect(failures).toEqual([])
  })

  it('codes are unique, match their task and number each task 01, 02, … without gaps, in task order', () => {
    const codes = codesOf(CHECKLIST_V1)
    expect(new Set(codes).size).toBe(codes.length)
    expect(CHECKLIST_V1.filter((i) => !i.code.startsWith(codePrefix(i.task))).map((i) => i.code)).toEqual([])
    for (const task of TASK_REFS) {
      const suffixes = CHECKLIST_V1.filter((i) => i.task === task).map((i) => Number(i.code.split('-')[1]))
      expect(suffixes).toEqual(Array.from({ length: suffixes.length }, (_, k) => k + 1))
    }
    const order = CHECKLIST_V1.map((i) => TASK_REFS.indexOf(i.task))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('each item sits in the section of its task', () => {
    expect(CHECKLIST_V1.filter((i) => i.section !== sectionOfTask(i.task)).map((i) => i.code)).toEqual([])
  })

  it('covers every task 1-15, 实施步骤 (S), 工作要求 (R) and all four dimensions', () => {
    for (const task of TASK_REFS)
      expect([task, CHECKLIST_V1.some((i) => i.task === task)]).toEqual([task, true])
    for (const dimension of DIMENSIONS)
      expect([dimension, CHECKLIST_V1.some((i) => i.section === dimension)]).toEqual([dimension, true])
    expect(CHECKLIST_V1.some((i) => i.section === 'actions')).toBe(true)
  })

  it('cites tasks as 任务N and steps / requirements by their part and point', () => {
    const wrong = CHECKLIST_V1.filter((i) =>
      typeof i.task === 'number'
        ? i.basis.ref !== `任务${i.task}`
        : !new RegExp(`^${i.task === 'S' ? '实施步骤' : '工作要求'}（[一二三四]）\\d?$`).test(i.basis.ref),
    )
    expect(codesOf(wrong)).toEqual([])
  })

  it('every basis.quote is copied verbatim from the document', () => {
    const missing = CHECKLIST_V1.filter((i) => !doc.includes(i.basis.quote)).map(
      (i) => `${i.code}: ${i.basis.quote}`,
    )
    expect(missing).toEqual([])
  })

  it('every basis.quote comes from inside the task, step or requirement the item cites', () => {
    const elsewhere = CHECKLIST_V1.filter((i) => !citedText(i).includes(i.basis.quote)).map(
      (i) => `${i.code} (${i.basis.ref}): ${i.basis.quote}`,
    )
    expect(elsewhere).toEqual([])
  })

  it('quotes and questions are unique, questions are 是否 questions in the document’s punctuation', () => {
    const quotes = CHECKLIST_V1.map((i) => i.basis.quote)
    expect(new Set(quotes).size).toBe(quotes.length)
    const questions = CHECKLIST_V1.map((i) => i.question)
    expect(new Set(questions).size).toBe(questions.length)
    const badQuestions = CHECKLIST_V1.filter(
      (i) => !i.question.includes('是否') || !i.question.endsWith('？') || /["']/.test(i.question),
    )
    expect(codesOf(badQuestions)).toEqual([])
  })

  it('names concrete evidence and weights 底线 and 规定动作 above 探索 items', () => {
    expect(CHECKLIST_V1.filter((i) => i.evidence.hint.trim().length < 4).map((i) => i.code)).toEqual([])
    const byQuote = (quote: string) => CHECKLIST_V1.find((i) => i.basis.quote === quote)
    for (const bottomLine of [
      '严禁新增政府隐性债务',
      '严禁融资性贸易和虚假贸易',
      '守住不行贿、不欠薪、不逃税、不侵权的底线',
      '及时成立本企业清廉建设工作领导小组',
      '结合实际制定本企业开展清廉企业工作实施方案',
    ])
      expect([bottomLine, byQuote(bottomLine)?.weight]).toEqual([bottomLine, 5])
    const exploratory = CHECKLIST_V1.filter((i) => i.basis.quote.includes('探索'))
    expect(exploratory.length).toBeGreaterThan(0)
    expect(exploratory.filter((i) => i.weight > 2).map((i) => i.code)).toEqual([])
  })
})

describe('checklist v1: who each item binds', () => {
  it('a 国企 phrase binds only 国企 kinds, a 民企 phrase only non-state kinds', () => {
    // R-03 names both 专班 (清廉国企或清廉民企) and binds everyone: a phrase naming both sides is not one-sided.
    const soePhrase = CHECKLIST_V1.filter(
      (i) => /国有企业|国企/.test(i.basis.quote) && !/民营企业|民企/.test(i.basis.quote),
    )
    expect(soePhrase.length).toBeGreaterThan(5)
    expect(codesOf(soePhrase.filter((i) => !isStateOnly(i)))).toEqual([])
    const privatePhrase = CHECKLIST_V1.filter(
      (i) => /民营企业|民企/.test(i.basis.quote) && !/国有企业|国企/.test(i.basis.quote),
    )
    expect(privatePhrase.length).toBeGreaterThan(0)
    expect(
      codesOf(privatePhrase.filter((i) => i.applicability.ownerships.some((o) => STATE_KINDS.includes(o)))),
    ).toEqual([])
    // Task 3 names 国企和国有控股企业 for 党建入章 / 双向进入, and 混合所有制企业 apart.
    const core = CHECKLIST_V1.filter((i) => /党建入章|双向进入/.test(i.basis.quote))
    expect(core.length).toBe(2)
    for (const item of core)
      expect(item.applicability.ownerships).toEqual(['state_owned', 'state_controlled'])
  })

  it('a sentence whose subject is 国有企业 (or 民营企业) binds only that side', () => {
    const subjectOf = (sentence: string): 'state' | 'private' | null =>
      /^(在|各)?(国有企业|国企)/.test(sentence)
        ? 'state'
        : /^(在|各|教育引导)?(民营企业|民企)/.test(sentence)
          ? 'private'
          : null
    const wrong: string[] = []
    let scoped = 0
    for (const item of CHECKLIST_V1.filter((i) => typeof i.task === 'number')) {
      const sentence = citedText(item)
        .split(/(?<=。)/)
        .find((s) => s.includes(item.basis.quote))
      const subject = sentence ? subjectOf(sentence) : null
      if (subject) scoped += 1
      const stateKinds = item.applicability.ownerships.filter((o) => STATE_KINDS.includes(o))
      if (subject === 'state' && !isStateOnly(item)) wrong.push(item.code)
      if (subject === 'private' && stateKinds.length > 0) wrong.push(item.code)
    }
    expect(scoped).toBeGreaterThan(10)
    expect(wrong).toEqual([])
  })

  it('a task whose only enterprise party is 各国有企业 has only 国企 items', () => {
    const stateTasks = [...TASK_TEXT].filter(([, body]) => {
      const units = /（牵头单位：([^；]*)；责任单位：([^）]*)）/.exec(body)
      return units !== null && !body.includes('各企业') && units[2].includes('各国有企业')
    })
    expect(stateTasks.map(([n]) => n)).toEqual([3, 4, 6])
    const wrong = CHECKLIST_V1.filter((i) => stateTasks.some(([n]) => n === i.task) && !isStateOnly(i))
    expect(codesOf(wrong)).toEqual([])
  })

  it('a duty done by or through a party organisation needs one', () => {
    const partyWork = CHECKLIST_V1.filter(
      (i) =>
        /^(党组织|党支部)/.test(i.question) || /第一议题|三会一课|主题党日|主题党课|四责协同/.test(text(i)),
    )
    expect(partyWork.length).toBeGreaterThan(5)
    expect(codesOf(partyWork.filter((i) => !i.applicability.needsPartyOrg))).toEqual([])
  })

  it('a 民营 enterprise without a party organisation gets no party item and no 国企-only item', () => {
    const items = applicableItems(CHECKLIST_V1, { ownership: 'private', partyOrg: 'none' })
    expect(items.length).toBeGreaterThan(30)
    expect(codesOf(items.filter((i) => i.applicability.needsPartyOrg))).toEqual([])
    const stateOnly = CHECKLIST_V1.filter(isStateOnly)
    expect(stateOnly.length).toBeGreaterThan(10)
    expect(codesOf(items.filter(isStateOnly))).toEqual([])
    for (const item of items) expect(item.applicability.ownerships).toContain('private')
    // Its own duties are there: 职工大会 learning, 诚信教育, 廉洁风险点排查, the 规定动作.
    expect(codesOf(items)).toEqual(expect.arrayContaining(['T01-05', 'T05-08', 'T13-11', 'S-01', 'R-05']))
  })

  it('a 民营 enterprise with a party branch also gets the branch duties (三会一课, 党员先锋岗)', () => {
    const withBranch = applicableItems(CHECKLIST_V1, { ownership: 'private', partyOrg: 'branch' })
    const without = applicableItems(CHECKLIST_V1, { ownership: 'private', partyOrg: 'none' })
    expect(withBranch.length).toBeGreaterThan(without.length)
    const extra = withBranch.filter((i) => !without.includes(i))
    expect(extra.every((i) => i.applicability.needsPartyOrg)).toBe(true)
    expect(extra.some((i) => i.question.includes('三会一课'))).toBe(true)
    expect(extra.some((i) => i.question.includes('党员先锋岗'))).toBe(true)
  })

  it('a 国有独资 enterprise with a 党委 gets every item that binds 国有独资', () => {
    const items = applicableItems(CHECKLIST_V1, { ownership: 'state_owned', partyOrg: 'party_committee' })
    const expected = CHECKLIST_V1.filter((i) => i.applicability.ownerships.includes('state_owned'))
    expect(codesOf(items)).toEqual(codesOf(expected))
    expect(items.some((i) => i.question.includes('第一议题'))).toBe(true)
    expect(items.some((i) => i.question.includes('三会一课'))).toBe(false)
  })
})

describe('checklist v1: content the programme requires', () => {
  const TASK7_AREAS = ['工程招标', '物资采购', '产权转让', '资产租赁', '应收款项', '财务管理', '经营管理']
  const TASK13_AREAS = [
    '改革重组',
    '项目投资',
    '产权交易',
    '资本运营',
    '物资（服务）采购',
    '招标投标',
    '财务管理',
    '选人用人',
  ]
  /** How a question names a task-13 area that task 7 already has under a near name. */
  const TASK13_IN_QUESTION: Record<string, string> = { '物资（服务）采购': '物资采购（含服务采购）' }

  it('the risk areas listed here are the ones tasks 7 and 13 name', () => {
    for (const area of TASK7_AREAS) expect([area, TASK_TEXT.get(7)?.includes(area)]).toEqual([area, true])
    for (const area of TASK13_AREAS) expect([area, TASK_TEXT.get(13)?.includes(area)]).toEqual([area, true])
  })

  it('every risk area of task 7 has its own task-7 item, for every kind of enterprise', () => {
    for (const area of TASK7_AREAS) {
      const items = CHECKLIST_V1.filter((i) => i.task === 7 && i.question.includes(area))
      expect([area, items.length]).toEqual([area, 1])
      expect(items[0].applicability.ownerships).toHaveLength(5)
    }
  })

  it('every risk area of task 13 has an item that binds 国企 (task 13, or the task-7 item it repeats)', () => {
    for (const area of TASK13_AREAS) {
      const items = CHECKLIST_V1.filter(
        (i) =>
          (i.task === 13 || i.task === 7) &&
          i.question.includes(TASK13_IN_QUESTION[area] ?? area) &&
          i.applicability.ownerships.includes('state_owned'),
      )
      expect([area, items.length]).toEqual([area, 1])
    }
  })

  it.each([
    ['第一议题'],
    ['意识形态'],
    ['党建入章'],
    ['双向进入'],
    ['凡提四必'],
    ['双签字'],
    ['八项规定'],
    ['隐性债务'],
    ['党务、企务公开|党务企务公开'],
    ['廉洁保证金'],
    ['不行贿'],
    ['负面清单'],
    ['三重一大'],
    ['大监督'],
    ['廉洁风险'],
    ['专项整治'],
    ['领导小组'],
    ['实施方案'],
    ['专人'],
    ['工作台账'],
    ['三会一课'],
    ['党员先锋岗'],
    ['融资性贸易'],
    ['诚信教育'],
    ['双边清廉承诺'],
    ['进车间'],
    ['廉政家访'],
    ['四责协同'],
    ['整改'],
  ])('some item covers %s', (keyword) => {
    const pattern = new RegExp(keyword)
    expect(CHECKLIST_V1.some((i) => pattern.test(text(i)))).toBe(true)
  })
})
