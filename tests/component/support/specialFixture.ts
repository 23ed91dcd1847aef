import type { TSpecial } from '@/models/special'

/** The demo's 专项整治 of 县委统战部 (GET /api/v1/specials/1 without its counts and canManage). */
export const SPECIAL: TSpecial = {
  id: 1,
  title: '民营企业廉洁风险点排查专项整治',
  basis: 't13-private',
  basisLabel: '任务13 · 民营企业廉洁风险点排查',
  basisQuote:
    '各民营企业特别是设立有党组织的民营企业要发挥党组织战斗堡垒作用，根据自身实际树立廉洁风险防控意识，加大廉洁风险点的排查，制定防控措施，堵塞问题漏洞。',
  description:
    '各民营企业特别是设立有党组织的民营企业要发挥党组织战斗堡垒作用，根据自身实际树立廉洁风险防控意识，加大廉洁风险点的排查，制定防控措施，堵塞问题漏洞。',
  deadline: '2026-12-30',
  overdue: false,
  status: 'open',
  issuerName: '县委统战部',
  byOffice: false,
  scopeLabel: '民营企业2家',
  version: 1,
  createdAt: '2026-11-30T04:04:14.443Z',
  closedAt: null,
}
