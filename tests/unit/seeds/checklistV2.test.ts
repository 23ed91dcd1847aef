import { CHECKLIST_V1 } from '../../../seeds/checklist/v1'
import {
  ADDED,
  CHANGED,
  CHECKLIST_V2,
  CHECKLIST_V2_VERSION,
  ENCOURAGED,
  NA_NEVER,
  REMOVED,
} from '../../../seeds/checklist/v2'
import { applicableItems, computeScores, MIN_SCORED_PER_SECTION } from '../../../src/models/assessment'
import {
  DIMENSIONS,
  ZChecklistItem,
  naRefused,
  noteMissing,
  rectifies,
  sectionOfTask,
  type TChecklistItem,
} from '../../../src/models/checklist'
import { OWNERSHIPS, PARTY_ORGS, SOE_LEADER_OWNERSHIPS } from '../../../src/models/org'
import { citedText, doc, sentenceOf, titleOf } from './programmeDoc'

const codesOf = (items: TChecklistItem[]) => items.map((i) => i.code)
const byCode = (code: string) => CHECKLIST_V2.find((i) => i.code === code)!

describe('checklist v2: the template', () => {
  it('is version 2, every item parses and carries rules, a sentence and a title', () => {
    expect(CHECKLIST_V2_VERSION).toBe(2)
    const failures = CHECKLIST_V2.filter((i) => !ZChecklistItem.safeParse(i).success)
    expect(codesOf(failures)).toEqual([])
    expect(codesOf(CHECKLIST_V2.filter((i) => !i.rules || !i.basis.sentence || !i.basis.title))).toEqual([])
  })

  it('codes are unique, match their task, sit in its section, in task order; no v1 code is reused', () => {
    const codes = codesOf(CHECKLIST_V2)
    expect(new Set(codes).size).toBe(codes.length)
    expect(CHECKLIST_V2.filter((i) => i.section !== sectionOfTask(i.task)).map((i) => i.code)).toEqual([])
    for (const code of Object.keys(REMOVED)) expect(codes).not.toContain(code)
    const v1Codes = new Set(codesOf(CHECKLIST_V1))
    for (const added of ADDED) expect([added.code, v1Codes.has(added.code)]).toEqual([added.code, false])
    for (const code of Object.keys(CHANGED)) expect([code, codes.includes(code)]).toEqual([code, true])
  })

  it('every quote is verbatim in its task (or step / requirement)', () => {
    const elsewhere = CHECKLIST_V2.filter((i) => !citedText(i).includes(i.basis.quote))
    expect(codesOf(elsewhere)).toEqual([])
  })

  it('every shown sentence is verbatim in the task, contains the quote, and is the whole sentence', () => {
    const wrong = CHECKLIST_V2.filter(
      (i) =>
        !i.basis.sentence ||
        !citedText(i).includes(i.basis.sentence) ||
        !i.basis.sentence.includes(i.basis.quote) ||
        i.basis.sentence !== sentenceOf(i),
    )
    expect(codesOf(wrong)).toEqual([])
    // The fragments the issue names now read as sentences.
    expect(byCode('T07-08').basis.sentence!.length).toBeGreaterThan(40)
    expect(byCode('T01-04').basis.sentence!.endsWith('。')).toBe(true)
    expect(CHECKLIST_V2.every((i) => doc.includes(i.basis.sentence!))).toBe(true)
  })

  it('every title is the heading of the cited task or part', () => {
    expect(CHECKLIST_V2.filter((i) => i.basis.title !== titleOf(i)).map((i) => i.code)).toEqual([])
    expect(byCode('T01-01').basis.title).toBe('坚持把党的政治建设摆在首位')
  })
})

describe('checklist v2: what changed from v1', () => {
  it('探索 / 鼓励 items make no 整改 on 否 and need no note; T10-03 asks 探索, without evidence', () => {
    for (const code of ENCOURAGED) {
      expect([code, rectifies(byCode(code), 'no'), rectifies(byCode(code), 'partial')]).toEqual([
        code,
        false,
        false,
      ])
      expect(noteMissing(byCode(code), { value: 'no', note: '' })).toBe(false)
    }
    expect(byCode('T10-03').question).toContain('探索')
    expect(byCode('T10-03').evidence.required).toBe(false)
    const exploring = CHECKLIST_V2.filter(
      (i) => /探索|鼓励/.test(i.basis.sentence!) && /探索/.test(i.basis.quote),
    )
    expect(codesOf(exploring.filter((i) => rectifies(i, 'no')))).toEqual([])
  })

  it('the 等活动 of task 11 are one item that accepts any of them', () => {
    const activities = CHECKLIST_V2.filter((i) =>
      /读廉政书|廉政知识竞赛|廉政家访|廉政主题党课/.test(i.basis.quote),
    )
    expect(codesOf(activities)).toEqual(['T11-04'])
    expect(activities[0].question).toContain('任一项')
  })

  it('T12-04 and T13-07 bind 国企 only; T05-02 follows the pledge rule for 混合所有制', () => {
    for (const code of ['T12-04', 'T13-07'])
      expect(byCode(code).applicability.ownerships).toEqual(['state_owned', 'state_controlled', 'mixed'])
    expect(byCode('T05-02').applicability.ownerships).toEqual([...SOE_LEADER_OWNERSHIPS])
  })

  it('every item naming 国有企业领导人员 binds exactly the pledge’s ownerships', () => {
    const leaders = CHECKLIST_V2.filter((i) => /国有企业领导人员|国企领导人员/.test(i.basis.quote))
    expect(leaders.length).toBeGreaterThan(0)
    for (const item of leaders) expect(item.applicability.ownerships).toEqual([...SOE_LEADER_OWNERSHIPS])
  })

  it('不适用 is refused on baseline duties that bind every enterprise, 否 / 部分 need a note elsewhere', () => {
    for (const code of ['T08-05', 'T14-03', 'S-01', 'R-05'])
      expect([code, naRefused(byCode(code), 'na')]).toEqual([code, true])
    expect([...NA_NEVER].filter((code) => !CHECKLIST_V2.some((i) => i.code === code))).toEqual([])
    expect(naRefused(byCode('T07-03'), 'na')).toBe(false)
    expect(noteMissing(byCode('T08-05'), { value: 'no', note: '' })).toBe(true)
    expect(noteMissing(byCode('T08-05'), { value: 'no', note: '  短 ' })).toBe(true)
    expect(noteMissing(byCode('T08-05'), { value: 'no', note: '去年欠薪已补发' })).toBe(false)
    expect(noteMissing(byCode('T08-05'), { value: 'yes', note: '' })).toBe(false)
  })

  it.each([['国企改革三年行动'], ['一企一策'], ['任务清单']])(
    'the programme phrase %s is covered by an item',
    (phrase) => {
      expect(CHECKLIST_V2.some((i) => i.basis.quote.includes(phrase))).toBe(true)
    },
  )
})

describe('checklist v2: dimensions per kind of enterprise', () => {
  /** Every (ownership, party organisation) whose dimension has fewer than MIN_SCORED_PER_SECTION items. */
  const thin = OWNERSHIPS.flatMap((ownership) =>
    PARTY_ORGS.flatMap((partyOrg) => {
      const items = applicableItems(CHECKLIST_V2, { ownership, partyOrg })
      return DIMENSIONS.filter(
        (d) => items.filter((i) => i.section === d).length < MIN_SCORED_PER_SECTION,
      ).map((d) => `${ownership}/${partyOrg}: ${d} ${items.filter((i) => i.section === d).length}`)
    }),
  )

  it('reports the dimensions with fewer than three applicable items', () => {
    // 民营 / 其他 without a party organisation: task 1's two duties for every 民企 (v1 had one).
    expect(thin).toEqual(['private/none: politics 2', 'other/none: politics 2'])
  })

  it('such a dimension gets no score of its own, so one answer cannot swing it from 0 to 100', () => {
    const items = applicableItems(CHECKLIST_V2, { ownership: 'private', partyOrg: 'none' })
    const answers = (value: 'yes' | 'no') =>
      items.map((i) => ({ itemCode: i.code, value, note: '未落实的内容' }))
    const politics = (value: 'yes' | 'no') =>
      computeScores(items, answers(value)).sections.find((s) => s.section === 'politics')!
    expect(politics('yes').score).toBeNull()
    expect(politics('no').score).toBeNull()
    expect(politics('yes').answered).toBe(2)
    // Its answers still count in the overall score.
    const onlyPoliticsNo = items.map((i) => ({
      itemCode: i.code,
      value: i.section === 'politics' ? ('no' as const) : ('yes' as const),
    }))
    expect(computeScores(items, onlyPoliticsNo).overall).toBeLessThan(100)
  })

  it('v1 items score as before: a single scored item still gives its dimension a score', () => {
    const items = applicableItems(CHECKLIST_V1, { ownership: 'private', partyOrg: 'none' })
    const answers = items.map((i) => ({ itemCode: i.code, value: 'yes' as const }))
    expect(computeScores(items, answers).sections.find((s) => s.section === 'politics')!.score).toBe(100)
  })
})
