import {
  applicableItems,
  campaignDateProblems,
  computeScores,
  submitProblems,
} from '../../../src/models/assessment'
import type { TChecklistItem, TSection } from '../../../src/models/checklist'
import type { TOwnership } from '../../../src/models/org'

function item(
  code: string,
  section: TSection,
  weight: number,
  extra: Partial<TChecklistItem> = {},
): TChecklistItem {
  return {
    code,
    section,
    task: 1,
    question: `是否${code}？`,
    basis: { ref: '任务1', quote: '第一议题' },
    applicability: { ownerships: ['state_owned', 'private'] as TOwnership[], needsPartyOrg: false },
    evidence: { required: false, hint: '' },
    weight,
    ...extra,
  }
}

describe('scoring', () => {
  const items = [
    item('T01-01', 'politics', 3),
    item('T01-02', 'politics', 1),
    item('T05-01', 'operation', 5),
    item('T05-02', 'operation', 5),
  ]

  it('weights 是 1, 部分 0.5, 否 0 over the applicable answered items, per section and overall', () => {
    const scores = computeScores(items, [
      { itemCode: 'T01-01', value: 'yes' },
      { itemCode: 'T01-02', value: 'no' },
      { itemCode: 'T05-01', value: 'partial' },
      { itemCode: 'T05-02', value: 'yes' },
    ])
    const politics = scores.sections.find((s) => s.section === 'politics')!
    const operation = scores.sections.find((s) => s.section === 'operation')!
    expect(politics).toMatchObject({ score: 75, applicable: 2, answered: 2, weightCounted: 4 })
    expect(operation).toMatchObject({ score: 75, weightCounted: 10 })
    // (3 + 0 + 2.5 + 5) / 14
    expect(scores.overall).toBe(75)
  })

  it('leaves 不适用 out of both sums and gives null where nothing counts', () => {
    const scores = computeScores(items, [
      { itemCode: 'T01-01', value: 'na', naReason: '无此业务' },
      { itemCode: 'T01-02', value: 'na', naReason: '无此业务' },
      { itemCode: 'T05-01', value: 'no' },
      { itemCode: 'T05-02', value: 'yes' },
    ])
    expect(scores.sections.find((s) => s.section === 'politics')!.score).toBeNull()
    expect(scores.sections.find((s) => s.section === 'culture')!).toMatchObject({
      score: null,
      applicable: 0,
    })
    expect(scores.overall).toBe(50)
    expect(computeScores(items, []).overall).toBeNull()
  })

  it('rounds to one decimal', () => {
    const scores = computeScores(
      [item('a', 'culture', 1), item('b', 'culture', 1), item('c', 'culture', 1)],
      [
        { itemCode: 'a', value: 'yes' },
        { itemCode: 'b', value: 'no' },
        { itemCode: 'c', value: 'no' },
      ],
    )
    expect(scores.overall).toBe(33.3)
  })
})

describe('what stops a submit', () => {
  const items = [
    item('T01-01', 'politics', 3, { evidence: { required: true, hint: '会议记录' } }),
    item('T01-02', 'politics', 1),
    item('T05-01', 'operation', 5),
  ]

  it('lists unanswered items, missing evidence for 是/部分, and 不适用 without a reason', () => {
    const problems = submitProblems(
      items,
      [
        { itemCode: 'T01-01', value: 'partial' },
        { itemCode: 'T01-02', value: 'na', naReason: '  ' },
      ],
      () => 0,
    )
    expect(problems.map((p) => [p.itemCode, p.kind])).toEqual([
      ['T01-01', 'evidence_missing'],
      ['T01-02', 'na_reason_missing'],
      ['T05-01', 'unanswered'],
    ])
  })

  it('needs no evidence for a 否 answer, and nothing once complete', () => {
    const answers = [
      { itemCode: 'T01-01', value: 'no' as const },
      { itemCode: 'T01-02', value: 'na' as const, naReason: '无此业务' },
      { itemCode: 'T05-01', value: 'yes' as const },
    ]
    expect(submitProblems(items, answers, () => 0)).toEqual([])
    expect(
      submitProblems(items, [{ ...answers[0], value: 'yes' }, answers[1], answers[2]], (c) =>
        c === 'T01-01' ? 1 : 0,
      ),
    ).toEqual([])
  })
})

describe('applicability', () => {
  it('keeps items of the enterprise’s ownership, and party items only with a party organisation', () => {
    const items = [
      item('soe', 'politics', 1, { applicability: { ownerships: ['state_owned'], needsPartyOrg: false } }),
      item('party', 'politics', 1, {
        applicability: { ownerships: ['private', 'state_owned'], needsPartyOrg: true },
      }),
      item('all', 'politics', 1, {
        applicability: { ownerships: ['private', 'state_owned'], needsPartyOrg: false },
      }),
    ]
    expect(applicableItems(items, { ownership: 'private', partyOrg: 'none' }).map((i) => i.code)).toEqual([
      'all',
    ])
    expect(applicableItems(items, { ownership: 'private', partyOrg: 'branch' }).map((i) => i.code)).toEqual([
      'party',
      'all',
    ])
    expect(applicableItems(items, { ownership: 'state_owned', partyOrg: 'party_committee' })).toHaveLength(3)
  })
})

describe('campaign dates', () => {
  const dates = { periodStart: '2026-01-01', periodEnd: '2026-12-31', dueDate: '2027-01-15' }

  it('accepts a deadline of today or later, after the start of the period', () => {
    expect(campaignDateProblems(dates, '2027-01-15')).toEqual([])
    expect(campaignDateProblems({ ...dates, dueDate: '2026-01-01' }, '2026-01-01')).toEqual([])
  })

  it('names each date that does not fit', () => {
    expect(campaignDateProblems({ ...dates, periodEnd: '2025-12-31' }, '2026-06-01')).toEqual([
      { path: 'periodEnd', message: '自查期间的结束日期不能早于开始日期' },
    ])
    expect(campaignDateProblems({ ...dates, dueDate: '2025-12-31' }, '2025-06-01')).toEqual([
      { path: 'dueDate', message: '截止日期不能早于自查期间的开始日期' },
    ])
    expect(campaignDateProblems(dates, '2027-01-16')).toEqual([
      { path: 'dueDate', message: '截止日期不能早于今天（2027年1月16日）' },
    ])
  })

  it('lets a past deadline stand when it is not being changed', () => {
    expect(campaignDateProblems(dates, '2027-02-01', false)).toEqual([])
  })
})
