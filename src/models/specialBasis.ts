// No zod here: plain data, quoted from the programme document (a unit test checks every quote verbatim).

/**
 * What a 专项整治 cites: a sentence of the programme's tasks 7 and 13, verbatim. Task 13 is the one that
 * says 列出企业突出问题清单，开展专项整治; its 应收款项清收 example is worded for 国企, its last sentence for
 * 民营企业; task 7 asks 民营企业 to close their management gaps.
 */
export const SPECIAL_BASES = [
  {
    code: 't13-list',
    task: 13,
    label: '任务13 · 突出问题专项整治',
    quote:
      '列出企业突出问题清单，开展专项整治行动，如应收款项清收专项行动等，逐个解决影响国企高质量发展的问题和症结，有效净化国企领域发展环境和政治生态。',
  },
  {
    code: 't13-soe',
    task: 13,
    label: '任务13 · 国有企业风险中隐藏的腐败行为',
    quote:
      '坚决整治国有企业隐性债务、违规融资、违规借贷、违规担保、对参股企业“重投资轻管理”、违规出租出借资产等风险中隐藏的腐败行为。',
  },
  {
    code: 't13-private',
    task: 13,
    label: '任务13 · 民营企业廉洁风险点排查',
    quote:
      '各民营企业特别是设立有党组织的民营企业要发挥党组织战斗堡垒作用，根据自身实际树立廉洁风险防控意识，加大廉洁风险点的排查，制定防控措施，堵塞问题漏洞。',
  },
  {
    code: 't7-controls',
    task: 7,
    label: '任务7 · 完善企业内控制度',
    quote: '健全工程招标、物资采购、产权转让、资产租赁、应收款项、财务管理、经营管理等廉洁风险点防范措施',
  },
  {
    code: 't7-private',
    task: 7,
    label: '任务7 · 民营企业内部管理制度',
    quote: '民营企业要加强自身内部管理制度建设，杜绝管理漏洞。',
  },
] as const

export type TSpecialBasis = (typeof SPECIAL_BASES)[number]['code']

export function specialBasis(code: string) {
  return SPECIAL_BASES.find((b) => b.code === code)
}

export const SPECIAL_STATUS_LABELS = { open: '进行中', closed: '已结束' } as const
export const SPECIAL_PROBLEM_STATUS_LABELS = { in_progress: '整改中', done: '已完成' } as const
/** An enterprise's state in a 专项整治: nothing reported yet, some problem still open, all done. */
export const SPECIAL_PROGRESS_LABELS = {
  unreported: '未填报',
  in_progress: '整改中',
  done: '已完成',
} as const
export type TSpecialProgress = keyof typeof SPECIAL_PROGRESS_LABELS
