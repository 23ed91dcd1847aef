import { assessmentEvents, rectificationEvents } from '@/components/assessment/history'

const at = (n: number) => `2026-03-0${n}T08:00:00.000Z`

describe('timeline events from a history', () => {
  it('names each step of an assessment, with its tone, actor and comment', () => {
    const events = assessmentEvents([
      { fromStatus: null, toStatus: 'draft', actorName: '韦丽萍', comment: null, createdAt: at(1) },
      { fromStatus: 'draft', toStatus: 'submitted', actorName: '韦丽萍', comment: null, createdAt: at(2) },
      {
        fromStatus: 'submitted',
        toStatus: 'returned',
        actorName: '黄建国',
        comment: '补充材料',
        createdAt: at(3),
      },
      { fromStatus: 'returned', toStatus: 'submitted', actorName: '韦丽萍', comment: null, createdAt: at(4) },
      { fromStatus: 'submitted', toStatus: 'accepted', actorName: '黄建国', comment: null, createdAt: at(5) },
    ])
    expect(events.map((e) => [e.title, e.tone])).toEqual([
      ['发起自查', 'default'],
      ['提交自查', 'default'],
      ['退回修改', 'warn'],
      ['修改后重新提交', 'default'],
      ['审核通过', 'good'],
    ])
    expect(events[2]).toMatchObject({ key: `2-${at(3)}`, actorName: '黄建国', comment: '补充材料' })
  })

  it('names each step of a 整改, the status label where no step name fits', () => {
    const events = rectificationEvents([
      { fromStatus: null, toStatus: 'open', actorName: null, comment: null, createdAt: at(1) },
      {
        fromStatus: 'open',
        toStatus: 'awaiting_verification',
        actorName: '韦丽萍',
        comment: null,
        createdAt: at(2),
      },
      {
        fromStatus: 'awaiting_verification',
        toStatus: 'returned',
        actorName: '黄建国',
        comment: '证据不足',
        createdAt: at(3),
      },
      { fromStatus: 'returned', toStatus: 'open', actorName: '韦丽萍', comment: null, createdAt: at(4) },
      {
        fromStatus: 'awaiting_verification',
        toStatus: 'closed',
        actorName: '黄建国',
        comment: null,
        createdAt: at(5),
      },
    ])
    expect(events.map((e) => [e.title, e.tone])).toEqual([
      ['生成整改事项', 'default'],
      ['报送整改情况', 'default'],
      ['核验退回', 'warn'],
      ['待整改', 'default'],
      ['核验销号', 'good'],
    ])
  })
})
