import { answerCounts, notApplicableCount, submitProblems, type TAnswerValue } from '@/models/assessment'
import type { TChecklistItem } from '@/models/checklist'

const item = (code: string, required = false) =>
  ({ code, section: 'business', weight: 1, evidence: { required } }) as unknown as TChecklistItem
const answer = (itemCode: string, value: TAnswerValue, naReason: string | null = null) => ({
  itemCode,
  value,
  naReason,
  note: null,
})

describe('the figures of an assessment add up', () => {
  const items = [item('A'), item('B', true), item('C'), item('D'), item('E')]
  const answers = [answer('A', 'yes'), answer('B', 'yes'), answer('C', 'na', '不涉及')]
  const problems = submitProblems(items, answers, () => 0)

  it('answered + unanswered = items; incomplete and 不适用 are parts of answered', () => {
    const c = answerCounts(items, answers, problems)
    expect(c).toEqual({ items: 5, answered: 3, unanswered: 2, incomplete: 1, notApplicable: 1 })
    expect(c.answered + c.unanswered).toBe(c.items)
    // The submit check lists each problem once: the two unanswered and the one without evidence.
    expect(problems).toHaveLength(c.unanswered + c.incomplete)
  })

  it('counts 不适用 within a section', () => {
    expect(notApplicableCount(items.slice(0, 2), answers)).toBe(0)
    expect(notApplicableCount(items, answers)).toBe(1)
  })
})
