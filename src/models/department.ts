import { z } from 'zod'
import { line, oneLine, textOf } from './textLimit'
import { ZDepartment, ZOwnership } from './org'
import { pageOf } from './common'

/**
 * The supervising units the programme names (the 牵头单位 / 责任单位 of its tasks, its 纪检监察组 and the
 * two 工作专班 of 组织领导), offered as suggestions when the office sets up departments. Each name
 * stands verbatim in the document (tests/unit/models/department.test.ts).
 */
export const PROGRAMME_DEPARTMENTS = [
  { name: '县财政局', role: '牵头单位（国企）' },
  { name: '县委统战部', role: '牵头单位（民企）' },
  { name: '县委组织部', role: '牵头单位' },
  { name: '县委宣传部', role: '牵头单位' },
  { name: '县融媒体中心', role: '牵头单位（国企）' },
  { name: '县工业园区管委会', role: '牵头单位（国企）' },
  { name: '县工业信息化和商务局', role: '牵头单位' },
  { name: '县发展改革局', role: '牵头单位' },
  { name: '县住房和城乡建设局', role: '牵头单位' },
  { name: '县农业农村局', role: '牵头单位' },
  { name: '县林业局', role: '牵头单位' },
  { name: '县工商联', role: '责任单位' },
  { name: '县市场监管局', role: '责任单位' },
  { name: '县公安局', role: '责任单位' },
  { name: '县审计局', role: '责任单位' },
  { name: '县委巡察办', role: '牵头单位' },
  { name: '县纪委监委驻县财政局纪检监察组', role: '纪检监察组' },
  { name: '县纪委监委驻县委组织部纪检监察组', role: '纪检监察组' },
  { name: '县纪委监委驻县公安局纪检监察组', role: '纪检监察组' },
  { name: '清廉国企建设工作专班', role: '工作专班（县财政局、县融媒体中心、县工业园区管委会）' },
  { name: '清廉民企建设工作专班', role: '工作专班（县委统战部）' },
] as const

// PostgreSQL refuses NUL in text: refuse every control character with a message instead of a 5xx.
const ZDepartmentName = oneLine(
  textOf(2, '请填写部门名称（至少2个字）', 60, '部门名称不超过60个字'),
  '部门名称',
)

export const ZDepartmentCreate = z.object({ name: ZDepartmentName }).meta({ id: 'DepartmentCreate' })
export type TDepartmentCreate = z.input<typeof ZDepartmentCreate>

export const ZDepartmentRename = z.object({ name: ZDepartmentName }).meta({ id: 'DepartmentRename' })

/** 按规则批量建立监管关系: every enterprise of these ownership kinds is supervised by the department. */
export const ZSupervisionRule = z
  .object({
    ownerships: z
      .array(ZOwnership)
      .min(1, '请至少选择一种企业性质')
      .max(5)
      .refine((list) => new Set(list).size === list.length, '企业性质不能重复'),
  })
  .meta({ id: 'SupervisionRule' })
export type TSupervisionRule = z.input<typeof ZSupervisionRule>

export const ZSupervisionRuleResult = z
  .object({ matched: z.number().int(), linked: z.number().int() })
  .meta({ id: 'SupervisionRuleResult' })
export type TSupervisionRuleResult = z.infer<typeof ZSupervisionRuleResult>

/** The office's view of which enterprises a department supervises: one page, by name or credit code. */
export const ZDepartmentEnterpriseQuery = z.object({
  linked: z.enum(['true', 'false']).default('true'),
  q: line(40, '搜索词').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})
// No meta id: @fastify/swagger cannot follow a $ref for query parameters.

export const DEPARTMENT_ENTERPRISE_PAGE_SIZE = 20

export const ZDepartmentEnterprise = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string(),
    ownership: ZOwnership,
    linked: z.boolean(),
  })
  .meta({ id: 'DepartmentEnterprise' })
export type TDepartmentEnterprise = z.infer<typeof ZDepartmentEnterprise>

export const ZDepartmentEnterprisePage = z
  .object({
    ...pageOf(ZDepartmentEnterprise),
  })
  .meta({ id: 'DepartmentEnterprisePage' })
export type TDepartmentEnterprisePage = z.infer<typeof ZDepartmentEnterprisePage>

export const ZDepartmentRetireResult = z
  .object({
    department: ZDepartment,
    /** How many enterprises it supervised until now (their links are removed). */
    unlinked: z.number().int(),
  })
  .meta({ id: 'DepartmentRetireResult' })
export type TDepartmentRetireResult = z.infer<typeof ZDepartmentRetireResult>
