// No zod here: the starter's phrases are checked verbatim against the programme text by a unit test.

/**
 * What the programme says of the 权力清单 (task 12 of the county's 实施方案), quoted verbatim. The document
 * names the three 权 and the principle, and no single power or prohibition: the starter therefore gives the
 * headings and the quoted wording only, and no example row (the enterprise fills them in from its own
 * 章程 and rules).
 */
export const POWER_SECTION_LABELS = {
  decision: '决策权',
  execution: '执行权',
  supervision: '监督权',
} as const

export const NEGATIVE_LIST_LABEL = '负面清单'

export const POWERS_SOURCE = {
  task: '12.强化对重点领域和关键环节的制约和监督',
  principle: '法无授权不可为、法定职责必须为',
  instruction:
    '国有企业要按照“法无授权不可为、法定职责必须为”原则，围绕决策权、执行权、监督权三方面梳理企业“一把手”法定职权，建立“一把手”权力清单和负面清单制度，从制度上构建防线，防止“一把手”权力“脱缰”。',
  decisions:
    '强化对国有企业“三重一大”事项决策机制执行情况的监督，严格落实阳光决策、阳光交易、阳光建设、阳光采购等制度',
} as const

/** Every phrase the starter shows, for the verbatim test. */
export const POWERS_STARTER_PHRASES: readonly string[] = [
  ...Object.values(POWER_SECTION_LABELS),
  NEGATIVE_LIST_LABEL,
  ...Object.values(POWERS_SOURCE),
]
