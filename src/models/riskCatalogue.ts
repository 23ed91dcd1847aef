// No zod here: plain data, quoted from the programme document (a unit test checks every quote verbatim).
import type { TOwnership } from './org'

const STATE: TOwnership[] = ['state_owned', 'state_controlled', 'mixed']

const T7 = '健全工程招标、物资采购、产权转让、资产租赁、应收款项、财务管理、经营管理等廉洁风险点防范措施'
const T13 =
  '抓好国企改革重组、项目投资、产权交易、资本运营、物资（服务）采购、招标投标、财务管理、选人用人等廉洁风险排查'

/** The areas tasks 7 and 13 name (each label appears in its quote), then 其他 with a name of the liaison's. */
export const RISK_AREAS = [
  { code: 'engineering_tender', label: '工程招标', task: 7, quote: T7 },
  { code: 'material_purchase', label: '物资采购', task: 7, quote: T7 },
  { code: 'property_transfer', label: '产权转让', task: 7, quote: T7 },
  { code: 'asset_lease', label: '资产租赁', task: 7, quote: T7 },
  { code: 'receivables', label: '应收款项', task: 7, quote: T7 },
  { code: 'finance', label: '财务管理', task: 7, quote: T7 },
  { code: 'operation', label: '经营管理', task: 7, quote: T7 },
  { code: 'restructuring', label: '改革重组', task: 13, quote: T13 },
  { code: 'investment', label: '项目投资', task: 13, quote: T13 },
  { code: 'property_trade', label: '产权交易', task: 13, quote: T13 },
  { code: 'capital', label: '资本运营', task: 13, quote: T13 },
  { code: 'service_purchase', label: '物资（服务）采购', task: 13, quote: T13 },
  { code: 'bidding', label: '招标投标', task: 13, quote: T13 },
  { code: 'personnel', label: '选人用人', task: 13, quote: T13 },
  { code: 'other', label: '其他', task: null, quote: null },
] as const

export type TRiskArea = (typeof RISK_AREAS)[number]['code']

export function riskAreaLabel(code: TRiskArea, name?: string | null): string {
  if (code === 'other') return name ? `其他：${name}` : '其他'
  return RISK_AREAS.find((a) => a.code === code)?.label ?? code
}

export interface RiskStarter {
  code: string
  area: TRiskArea
  /** The risk as the document words it: a verbatim phrase. */
  description: string
  /** The 防控措施 as the document words it: a verbatim phrase. */
  measures: string
  task: number
  ownerships: TOwnership[]
}

const T7_MEASURES = '加强重点岗位、关键环节监控'
const T7_PRIVATE_MEASURES = '民营企业要加强自身内部管理制度建设，杜绝管理漏洞'
const T13_MEASURES = '制定完善防控措施，健全制度机制，堵塞制度漏洞'
const T13_PRIVATE = '根据自身实际树立廉洁风险防控意识，加大廉洁风险点的排查，制定防控措施，堵塞问题漏洞'

const task7Starters: RiskStarter[] = RISK_AREAS.filter((a) => a.task === 7).flatMap((a, i) => [
  {
    code: `S07-${String(i + 1).padStart(2, '0')}`,
    area: a.code,
    description: T7,
    measures: T7_MEASURES,
    task: 7,
    ownerships: STATE,
  },
  {
    code: `P07-${String(i + 1).padStart(2, '0')}`,
    area: a.code,
    description: T7,
    measures: T7_PRIVATE_MEASURES,
    task: 7,
    ownerships: ['private', 'other'],
  },
])

const task13Starters: RiskStarter[] = [
  ...RISK_AREAS.filter((a) => a.task === 13).map((a, i) => ({
    code: `S13-${String(i + 1).padStart(2, '0')}`,
    area: a.code,
    description: T13,
    measures: T13_MEASURES,
    task: 13,
    ownerships: STATE,
  })),
  {
    code: 'S13-20',
    area: 'asset_lease',
    description: '违规出租出借资产等风险中隐藏的腐败行为',
    measures: T13_MEASURES,
    task: 13,
    ownerships: STATE,
  },
  {
    code: 'S13-21',
    area: 'investment',
    description: '对参股企业“重投资轻管理”',
    measures: T13_MEASURES,
    task: 13,
    ownerships: STATE,
  },
  {
    code: 'S13-22',
    area: 'receivables',
    description: '应收款项清收专项行动',
    measures: T13_MEASURES,
    task: 13,
    ownerships: STATE,
  },
  {
    code: 'P13-01',
    area: 'other',
    description: T13_PRIVATE,
    measures: T13_PRIVATE,
    task: 13,
    ownerships: ['private', 'other'],
  },
]

/** What a liaison can start the register from: every item cites its task and quotes the document. */
export const RISK_STARTERS: readonly RiskStarter[] = [...task7Starters, ...task13Starters]

export function startersFor(ownership: TOwnership): RiskStarter[] {
  return RISK_STARTERS.filter((s) => s.ownerships.includes(ownership))
}
