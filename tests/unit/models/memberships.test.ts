import { eventOrganiserOptions, keepsRegistersOf } from '@/models/memberships'
import type { TMembership } from '@/models/org'

const membership = (patch: Partial<TMembership>): TMembership => ({
  id: 1,
  organisationKind: 'enterprise',
  organisationId: 3,
  organisationName: '恒达建设',
  role: 'liaison',
  status: 'approved',
  ...patch,
})

describe('who keeps an enterprise’s registers (风险点, 突出问题清单)', () => {
  it('is its approved 联络员 or 负责人, of that enterprise only', () => {
    expect(keepsRegistersOf([membership({})], 3)).toBe(true)
    expect(keepsRegistersOf([membership({ role: 'head' })], 3)).toBe(true)
    expect(keepsRegistersOf([membership({})], 4)).toBe(false)
  })

  it('is not an employee, a pending request, nor a department of the same id', () => {
    expect(keepsRegistersOf([membership({ role: 'employee' })], 3)).toBe(false)
    expect(keepsRegistersOf([membership({ status: 'pending' })], 3)).toBe(false)
    expect(keepsRegistersOf([membership({ organisationKind: 'department', role: 'supervisor' })], 3)).toBe(
      false,
    )
  })
})

describe('who may organise an event, and for whom', () => {
  it('marks the 领导小组办公室, whose county events may invite any enterprise', () => {
    const office = membership({
      organisationKind: 'department',
      organisationId: 9,
      organisationName: '领导小组办公室',
    })
    expect(
      eventOrganiserOptions([
        membership({}),
        membership({
          organisationKind: 'department',
          organisationId: 2,
          organisationName: '县委统战部',
          role: 'supervisor',
        }),
        { ...office, role: 'supervisor' },
        { ...office, id: 2, role: 'office' },
      ]),
    ).toEqual([
      { kind: 'enterprise', id: 3, name: '恒达建设' },
      { kind: 'department', id: 2, name: '县委统战部' },
      { kind: 'department', id: 9, name: '领导小组办公室', office: true },
    ])
  })
})
