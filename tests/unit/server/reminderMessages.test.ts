import { MESSAGE_FIELDS, messageData } from '../../../server/features/reminders/messages'
import { fitField } from '../../../server/features/reminders/wechatSend'
import { TODO_KINDS, type TTodo } from '../../../src/models/todo'
import { todo as base } from '../support/todo'

const todo = (over: Partial<TTodo>): TTodo =>
  base({
    key: 'rectification:1',
    title: '整改：完善采购审批制度',
    detail: '县恒达食品有限公司',
    dueDate: '2026-03-20',
    ...over,
  })

describe('what a reminder says', () => {
  it('has a row for every kind, with only WeChat field types', () => {
    expect(Object.keys(MESSAGE_FIELDS).sort()).toEqual([...TODO_KINDS].sort())
    for (const fields of Object.values(MESSAGE_FIELDS))
      for (const key of Object.keys(fields)) expect(key).toMatch(/^(thing|time|date|phrase)\d+$/)
  })

  it('fills a dated kind with its title, last day, state and unit', () => {
    expect(messageData(todo({}), 'new', '2026-03-10')).toEqual({
      thing1: '整改：完善采购审批制度',
      time2: '2026年3月20日 23:59',
      phrase3: '待办理',
      thing4: '县恒达食品有限公司',
    })
    expect(messageData(todo({ overdue: true }), 'overdue', '2026-03-21').phrase3).toBe('已逾期')
    // A date keyword takes the day alone.
    expect(messageData(todo({ kind: 'meeting_due', dueDate: '2026-03-31' }), 'new', '2026-03-10').date2).toBe(
      '2026年3月31日',
    )
  })

  it('gives an undated kind no time field', () => {
    const data = messageData(
      todo({ kind: 'assessment_review', title: '审核「县恒达食品有限公司」的自查', dueDate: null }),
      'new',
      '2026-03-10',
    )
    expect(Object.keys(data)).toEqual(['thing1', 'thing2', 'phrase3'])
  })

  it('cuts values to WeChat’s limits: thing ≤ 20 characters, phrase ≤ 5 without an ellipsis', () => {
    const long = '整改：修订财务报销制度并组织财务人员开展廉洁从业专题学习'
    expect(fitField('thing1', long)).toBe(Array.from(long).slice(0, 19).join('') + '…')
    expect(Array.from(fitField('thing12', long))).toHaveLength(20)
    expect(fitField('thing1', '短')).toBe('短')
    expect(fitField('phrase3', '已经逾期很久了')).toBe('已经逾期很')
    expect(fitField('name2', '一二三四五六七八九十十一')).toHaveLength(10)
    expect(fitField('time2', '2026-03-20')).toBe('2026-03-20')
    // Characters beyond the BMP count as one, as WeChat counts them.
    expect(Array.from(fitField('thing1', '𠀀'.repeat(25)))).toHaveLength(20)
  })
})
