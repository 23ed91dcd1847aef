import { chooseTemplates, kindsByUrgency, SUBSCRIBE_MAX_TEMPLATES } from '@/models/reminder'
import { digestByKind } from '@/models/todo'
import { todo } from '../support/todo'

describe('which templates one tap asks WeChat for', () => {
  const offer = {
    templates: {
      rectification_open: 'T-todo',
      rectification_notice: 'T-todo',
      assessment_fill: 'T-fill',
      pledge_sign: 'T-sign',
      meeting_due: 'T-meeting',
      member_pending: 'T-members',
    },
    pending: {},
  }

  it('takes the kinds in urgency order, each template once, at most 3 (WeChat’s limit)', () => {
    const ids = chooseTemplates(offer, [
      'rectification_notice',
      'rectification_open',
      'assessment_review', // no template: not offered
      'pledge_sign',
      'meeting_due',
      'member_pending',
    ])
    expect(ids).toEqual(['T-todo', 'T-sign', 'T-meeting'])
    expect(SUBSCRIBE_MAX_TEMPLATES).toBe(3)
  })

  it('asks first for the templates the user has no unused accept of', () => {
    const ids = chooseTemplates({ ...offer, pending: { 'T-todo': 2 } }, [
      'rectification_open',
      'pledge_sign',
      'meeting_due',
      'member_pending',
    ])
    expect(ids).toEqual(['T-sign', 'T-meeting', 'T-members'])
  })

  it('offers nothing for kinds without a template', () => {
    expect(chooseTemplates(offer, ['assessment_review', 'rectification_verify'])).toEqual([])
    expect(chooseTemplates({ templates: {}, pending: {} }, ['rectification_open'])).toEqual([])
  })

  it('orders the kinds as the list does, then those beyond its limit', () => {
    const items = [
      todo({ kind: 'rectification_notice', overdue: true }),
      todo({ kind: 'pledge_sign' }),
      todo({ kind: 'rectification_notice' }),
    ]
    expect(kindsByUrgency(items, { rectification_notice: 2, pledge_sign: 1, member_pending: 1 })).toEqual([
      'rectification_notice',
      'pledge_sign',
      'member_pending',
    ])
  })
})

describe('the H5 digest per kind', () => {
  it('counts each kind and puts the kinds with overdue items first', () => {
    const items = [
      todo({ kind: 'assessment_fill' }),
      todo({ kind: 'rectification_open' }),
      todo({ kind: 'meeting_due', overdue: true }),
      todo({ kind: 'assessment_fill', overdue: true }),
      todo({ kind: 'assessment_fill', overdue: true }),
    ]
    expect(digestByKind(items)).toEqual([
      { kind: 'assessment_fill', count: 3, overdue: 2 },
      { kind: 'meeting_due', count: 1, overdue: 1 },
      { kind: 'rectification_open', count: 1, overdue: 0 },
    ])
  })
})
