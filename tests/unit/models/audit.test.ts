import { auditDetailText } from '@/models/audit'

describe('操作日志: a write’s detail in words', () => {
  it('names the keys and the stored codes', () => {
    expect(auditDetailText('{"method":"dev"}')).toBe('方式：演示登录')
    expect(auditDetailText('{"decision":"close"}')).toBe('决定：销号')
    expect(auditDetailText('{"evidence":[]}')).toBe('佐证材料：无')
    expect(
      auditDetailText('{"kind":"warning_education","organiser":{"kind":"enterprise","id":3},"audience":1}'),
    ).toBe('类型：警示教育；组织单位：企业 3；参加企业数：1')
    expect(auditDetailText('{"eventId":2,"repeat":true}')).toBe('活动编号：2；重复提交：是')
    expect(auditDetailText('{"items":["T01-04","T01-05"]}')).toBe('涉及检查项：T01-04、T01-05')
  })

  it('shows an edit as before → after', () => {
    expect(auditDetailText('{"before":{"title":"旧名"},"after":{"title":"新名"}}')).toBe('标题：旧名 → 新名')
  })

  it('keeps a key it has no word for, and text that is not JSON (a cut one), as stored', () => {
    expect(auditDetailText('{"someNewKey":"x"}')).toBe('someNewKey：x')
    expect(auditDetailText('{"title":"很长的')).toBe('{"title":"很长的')
  })
})
