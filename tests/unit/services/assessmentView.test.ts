import { overlayOutbox, nextUnanswered, problemsOf } from '@/services/assessmentView'
import type { TAssessment } from '@/models/assessment'
import type { OutboxEntry } from '@/services/outbox'
import { ITEMS, answer, assessment, evidence } from '../../component/support/assessmentFixture'

const base = '/api/v1/enterprises/3/assessments/7'
let n = 0
function entry(partial: Partial<OutboxEntry>): OutboxEntry {
  n += 1
  return {
    id: `e${n}`,
    method: 'PUT',
    path: `${base}/answers`,
    body: undefined,
    label: 'x',
    idempotencyKey: `k${n}`,
    createdAt: 1_700_000_000_000 + n,
    attempts: 0,
    nextAttemptAt: 0,
    status: 'pending',
    ...partial,
  }
}
const put = (itemCode: string, value: string, status: OutboxEntry['status'] = 'pending', extra = {}) =>
  entry({
    kind: 'assessment.answers',
    body: { answers: [{ itemCode, value, note: null, naReason: null, ...extra }] },
    status,
    ...(status === 'refused'
      ? { lastError: { status: 409, code: 'ASSESSMENT_LOCKED', message: '已提交' } }
      : {}),
  })

describe('overlayOutbox', () => {
  it('applies pending answers in order (the last one wins) and recomputes the scores', () => {
    const a = assessment({ answers: [answer('T01-04', 'no')] })
    const view = overlayOutbox(a, 3, [put('T01-04', 'partial'), put('T01-04', 'yes'), put('T09-02', 'yes')])
    expect(view.assessment.answers.map((x) => [x.itemCode, x.value])).toEqual([
      ['T01-04', 'yes'],
      ['T09-02', 'yes'],
    ])
    expect([...view.pendingCodes]).toEqual(['T01-04', 'T09-02'])
    expect(view.assessment.scores.overall).toBe(100)
    expect(view.assessment.scores.sections.find((s) => s.section === 'politics')!.answered).toBe(1)
    expect(a.answers[0].value).toBe('no') // the server's copy is untouched
  })

  it('marks refused answers, hides evidence being removed, and notices a waiting submit', () => {
    const a: TAssessment = assessment({ evidence: [evidence(5, 'T01-04'), evidence(6, 'T05-01')] })
    const view = overlayOutbox(a, 3, [
      put('T05-01', 'yes', 'refused'),
      entry({ method: 'DELETE', kind: 'assessment.evidence.remove', path: `${base}/evidence/5` }),
      entry({ method: 'POST', kind: 'assessment.submit', path: `${base}/submit` }),
      // Another assessment's writes are not this one's.
      entry({
        kind: 'assessment.answers',
        path: '/api/v1/enterprises/3/assessments/8/answers',
        body: { answers: [{ itemCode: 'T09-02', value: 'no' }] },
      }),
    ])
    expect(view.refusedCodes.get('T05-01')).toBe('已提交')
    expect(view.assessment.evidence.map((e) => e.id)).toEqual([6])
    expect(view.submitPending).toBe(true)
    expect(view.assessment.answers).toEqual([])
  })
})

describe('walk helpers', () => {
  it('finds the next unanswered item after the current one, wrapping around', () => {
    const a = assessment({ answers: [answer('T05-01', 'yes')] })
    expect(nextUnanswered(a)?.code).toBe('T01-04')
    expect(nextUnanswered(a, 'T01-04')?.code).toBe('T09-02')
    expect(nextUnanswered(a, 'T09-02')?.code).toBe('T01-04')
    const done = assessment({ answers: ITEMS.map((i) => answer(i.code, 'yes')) })
    expect(nextUnanswered(done)).toBeNull()
  })

  it('problemsOf counts evidence per item like the server', () => {
    const a = assessment({
      answers: ITEMS.map((i) => answer(i.code, 'yes')),
      evidence: [evidence(1, 'T01-04')],
    })
    expect(problemsOf(a).map((p) => [p.itemCode, p.kind])).toEqual([['T05-01', 'evidence_missing']])
  })
})
