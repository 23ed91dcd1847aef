import { AUDIT_ACTION_LABELS } from '@/models/audit'
import { APP_DATES, auditDetailText, shortenAuditDetail } from '@/models/auditDetail'
import { actionsWritten } from '../../api/support/audit'

describe('操作日志: a write’s detail in words', () => {
  it('names the records its ids refer to where their names are given, and a pledge kind in full', () => {
    const known: Record<string, string> = {
      'enterprise:5': '县甲公司',
      'enterprise:6': '县乙公司',
      'department:2': '县财政局',
      'event:1': '警示教育会',
    }
    const names = (type: string, id: number) => known[`${type}:${id}`]
    expect(auditDetailText('{"createdEnterpriseIds":[5,6],"departmentId":2}', undefined, names)).toBe(
      '新增企业：县甲公司、县乙公司；部门：县财政局',
    )
    expect(auditDetailText('{"eventId":1,"organiser":{"kind":"department","id":2}}', undefined, names)).toBe(
      '活动：警示教育会；组织单位：县财政局',
    )
    // One id not found: the numbers stay, under their 编号 label.
    expect(auditDetailText('{"updatedEnterpriseIds":[5,7]}', undefined, names)).toBe('更新企业编号：5、7')
    expect(auditDetailText('{"kind":"enterprise","side":"enterprise"}')).toBe(
      '类型：企业诚信守法经营承诺书；签署方：企业',
    )
  })

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

  it('reads the writes of a county switched on from empty in words', () => {
    expect(auditDetailText('{"decision":"approved"}')).toBe('决定：通过')
    expect(auditDetailText('{"inviteId":4,"organisationKind":"department"}')).toBe(
      '经邀请码申请加入；单位类型：部门',
    )
    expect(auditDetailText('{"role":"branch_secretary"}')).toBe('角色：支部书记')
    expect(auditDetailText('{"fields":["name","phone"]}')).toBe('修改项：姓名、手机号')
    expect(
      auditDetailText('{"filename":"a.xlsx","sha256":"be50ac215c9a4add525801cf5b078db9","total":3}'),
    ).toBe('文件名：a.xlsx；文件校验值：be50ac215c9a…；行数：3')
    expect(auditDetailText('{"created":2,"createdEnterpriseIds":[1,2],"updatedEnterpriseIds":[]}')).toBe(
      '新增：2；新增企业编号：1、2；更新企业：无',
    )
  })

  it('prints a pledge’s code as its 核验码, grouped as the certificate and the verify page show it', () => {
    expect(auditDetailText('{"kind":"personal","code":"7K3M9QX2ABCD","templateVersion":2}')).toBe(
      '类型：个人廉洁从业承诺书；核验码：7K3M-9QX2-ABCD；模板版本：2',
    )
    // Its later steps in words, not their stored codes.
    expect(auditDetailText('{"action":"countersign","side":"department","code":"7K3M9QX2ABCD"}')).toBe(
      '操作：会签；签署方：部门；核验码：7K3M-9QX2-ABCD',
    )
    expect(auditDetailText('{"action":"withdraw","code":"7K3M9QX2ABCD","reason":"久未签署"}')).toBe(
      '操作：撤回；核验码：7K3M-9QX2-ABCD；理由：久未签署',
    )
    expect(auditDetailText('{"action":"pledge.remind","userIds":[3],"year":2026}')).toBe(
      '操作：提醒签署承诺；人员编号：3；年度：2026',
    )
  })

  it('names an enterprise’s 资料 as 修改企业资料 changes them', () => {
    expect(
      auditDetailText('{"name":"县甲公司","ownership":"private","partyOrg":"branch","industry":"制造业"}'),
    ).toBe('名称：县甲公司；企业性质：民营；党组织：党支部；行业：制造业')
  })

  it('names the entry’s own organisation where the detail refers to it by id', () => {
    const own = { organisationKind: 'department', organisationId: 1, organisationName: '县领导小组办公室' }
    expect(auditDetailText('{"organiser":{"kind":"department","id":1}}', own)).toBe(
      '组织单位：县领导小组办公室',
    )
    expect(auditDetailText('{"organiser":{"kind":"enterprise","id":1}}', own)).toBe('组织单位：企业 1')
  })

  it('has a Chinese label for every action the server writes', () => {
    const written = actionsWritten()
    expect(written.length).toBeGreaterThan(80)
    expect(written.filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([])
  })

  it('writes days and times in 北京时间: the export as stored days, the app as its other pages do', () => {
    const detail = '{"startsOn":"2026-12-05","endsOn":"2026-12-31","startsAt":"2026-11-30T16:30:00.000Z"}'
    const own = {
      action: 'exemplar.publish',
      organisationKind: null,
      organisationId: null,
      organisationName: null,
    }
    expect(auditDetailText(detail, own)).toBe(
      '公示开始日期：2026-12-05；公示截止日期：2026-12-31；开始时间：2026-12-01 00:30:00',
    )
    expect(auditDetailText(detail, own, undefined, APP_DATES)).toBe(
      '公示开始日期：2026年12月5日；公示截止日期：2026年12月31日；开始时间：2026年12月1日 00:30:00',
    )
  })

  it('shows an edit as before → after', () => {
    expect(auditDetailText('{"before":{"title":"旧名"},"after":{"title":"新名"}}')).toBe('标题：旧名 → 新名')
  })

  it('keeps a key it has no word for, and text that is not JSON (a cut one), as stored', () => {
    expect(auditDetailText('{"someNewKey":"x"}')).toBe('someNewKey：x')
    expect(auditDetailText('{"title":"很长的')).toBe('{"title":"很长的')
  })

  describe('a long detail, as the list carries it and the export prints it', () => {
    const ids = Array.from({ length: 120 }, (_, i) => i + 1)
    const names = (type: string, id: number) => (type === 'enterprise' ? `县第${id}企业` : undefined)
    const commit = JSON.stringify({
      created: 120,
      updated: 0,
      unchanged: 0,
      createdEnterpriseIds: ids,
      updatedEnterpriseIds: [],
    })
    const own = {
      action: 'import.commit',
      organisationKind: null,
      organisationId: null,
      organisationName: null,
    }

    it('names the first three of a long list and counts it: 等 120 家, the list and the export alike', () => {
      const words =
        '新增：120；更新：0；无变化：0；新增企业：县第1企业、县第2企业、县第3企业 等 120 家；更新企业：无'
      expect(auditDetailText(commit, own, names)).toBe(words)
      const short = shortenAuditDetail(commit)
      expect(short.length).toBeLessThan(200)
      expect(JSON.parse(short).createdEnterpriseIds).toEqual([1, 2, 3, { $total: 120 }])
      expect(auditDetailText(short, own, names)).toBe(words)
      // Without the names, the numbers, counted the same way.
      expect(auditDetailText(short, own)).toBe(
        '新增：120；更新：0；无变化：0；新增企业编号：1、2、3 等 120 项；更新企业：无',
      )
    })

    it('keeps a list of five whole, and cuts only long text, with …', () => {
      const five = JSON.stringify({ createdEnterpriseIds: [1, 2, 3, 4, 5] })
      expect(shortenAuditDetail(five)).toBe(five)
      expect(auditDetailText(shortenAuditDetail(five), own, names)).toBe(
        '新增企业：县第1企业、县第2企业、县第3企业、县第4企业、县第5企业',
      )
      const six = shortenAuditDetail(
        JSON.stringify({ items: ['T01-01', 'T01-02', 'T01-03', 'T01-04', 'T01-05', 'T01-06'] }),
      )
      expect(auditDetailText(six)).toBe('涉及检查项：T01-01、T01-02、T01-03 等 6 项')
      const note = shortenAuditDetail(JSON.stringify({ note: '说'.repeat(600) }))
      expect(auditDetailText(note)).toBe(`备注：${'说'.repeat(200)}…`)
      // Text that is not JSON is cut as it is.
      expect(shortenAuditDetail('x'.repeat(600))).toBe('x'.repeat(500))
    })
  })
})
