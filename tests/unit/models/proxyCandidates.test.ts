import { proxyCandidates } from '@/models/event'

const m = (userId: number, name: string, over: Partial<{ status: string; disabled: boolean }> = {}) => ({
  userId,
  name,
  status: 'approved',
  disabled: false,
  ...over,
})

describe('代签: whom the organiser may sign in', () => {
  it('lists each person once, however many roles or enterprises, leaving out who signed in', () => {
    const members = [
      m(1, '陈静'), // liaison
      m(1, '陈静'), // and employee
      m(2, '王小军'),
      m(3, '黄建国'),
      m(2, '王小军'), // also in a second enterprise of the audience
    ]
    expect(proxyCandidates(members, new Set([3])).map((x) => x.name)).toEqual(['陈静', '王小军'])
  })
  it('leaves out pending, removed and disabled people', () => {
    const members = [
      m(1, '甲', { status: 'pending' }),
      m(2, '乙', { status: 'removed' }),
      m(3, '丙', { disabled: true }),
      m(4, '丁'),
    ]
    expect(proxyCandidates(members, new Set()).map((x) => x.name)).toEqual(['丁'])
  })
})
