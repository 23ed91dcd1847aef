import type { DbOrTrx } from '../../core/db/database'
import { isOffice, type AuthContext } from '../../core/access'
import type { TTodo } from '../../../src/models/todo'
import { PROGRAMME_DEADLINE } from '../../../src/models/milestones'
import { chineseDay, shanghaiDate } from '../../../src/models/shanghaiTime'
import { setupRepository } from './repository'

type Draft = Omit<TTodo, 'overdue'>

/**
 * Switching a county on, in the office's 任务 (领导小组办公室 members only): what is still missing before the
 * enterprises can work, each gone by itself once done. Their keys number them in the order the work goes
 * (the list orders undated to-dos of one kind by key): the departments first, since an import names them;
 * the county's 完成期限 before the import, or every enterprise imported is overdue from its first day.
 */
export async function setupTodos(db: DbOrTrx, auth: AuthContext, now: number): Promise<Draft[]> {
  if (!isOffice(auth)) return []
  const facts = await setupRepository.switchingOn(db)
  const base = { kind: 'county_setup' as const, dueDate: null, enterpriseId: null, recordId: null }
  const drafts: Draft[] = []
  // 四、工作要求（一）: the 牵头单位 and 责任单位 that supervise; 实施步骤（二）1.: plans go to 各监管部门或主管部门.
  if (!facts.hasDepartment)
    drafts.push({
      ...base,
      key: 'setup:1:departments',
      title: '添加监管部门',
      detail: '牵头单位、责任单位等，导入企业时按名称关联',
    })
  // 实施步骤（二）1.: 领导小组 and 实施方案 "2022年6月15日前完成"; a county starting later sets its own date.
  if (!facts.deadlineDecided && shanghaiDate(now) > PROGRAMME_DEADLINE)
    drafts.push({
      ...base,
      key: 'setup:2:deadline',
      title: '设定领导小组与实施方案完成期限',
      // Before the import it still prevents; after it, every enterprise not done is already 逾期.
      detail: `未设定则按${chineseDay(PROGRAMME_DEADLINE)}，${facts.hasEnterprise ? '未完成的企业均算逾期' : '企业一导入即逾期'}`,
    })
  if (!facts.hasEnterprise)
    drafts.push({
      ...base,
      key: 'setup:3:enterprises',
      title: '导入企业名单',
      detail: '用 Excel 模板登记企业及其监管部门、联络员',
    })
  // 四、工作要求（三）: 各企业要指定专人负责保持与工作专班的联系 — the enterprise's liaison in the app.
  if (facts.withoutLiaison > 0)
    drafts.push({
      ...base,
      key: 'setup:4:liaisons',
      title: `${facts.withoutLiaison}家企业尚无联络员`,
      detail: facts.lettersImportId
        ? '打印联络员邀请函，联络员扫码加入后审核'
        : '在企业的「成员与联络员」中邀请联络员',
      // The import whose 邀请函 are printed (none: enterprises registered one by one).
      recordId: facts.lettersImportId,
    })
  return drafts
}
