import type { TAnswer, TAssessment, TEvidenceFile } from '@/models/assessment'
import type { TChecklistItem } from '@/models/checklist'

/** Three items of the demo checklist's shape: two need evidence when answered 是/部分. */
export const ITEMS: TChecklistItem[] = [
  {
    code: 'T01-04',
    section: 'politics',
    task: 1,
    question: '党支部是否通过“三会一课”、主题党日活动，学习领会党中央重大决策部署？',
    basis: { ref: '任务1', quote: '要通过支部“三会一课”、主题党日活动' },
    applicability: { ownerships: ['private'], needsPartyOrg: true },
    evidence: { required: true, hint: '“三会一课”、主题党日活动记录' },
    weight: 3,
  },
  {
    code: 'T05-01',
    section: 'operation',
    task: 5,
    question: '是否树立诚信、守法、廉洁的经营理念，对企业廉洁从业行为有明确规范？',
    basis: { ref: '任务5', quote: '树立诚信、守法、廉洁的经营理念' },
    applicability: { ownerships: ['private'], needsPartyOrg: false },
    evidence: { required: true, hint: '企业廉洁从业规范文件' },
    weight: 2,
  },
  {
    code: 'T09-02',
    section: 'culture',
    task: 9,
    question: '是否组织开展廉洁文化宣传教育活动？',
    basis: { ref: '任务9', quote: '开展廉洁文化宣传教育' },
    applicability: { ownerships: ['private'], needsPartyOrg: false },
    evidence: { required: false, hint: '活动照片、通知' },
    weight: 1,
  },
]

export function answer(itemCode: string, value: TAnswer['value'], extra: Partial<TAnswer> = {}): TAnswer {
  return {
    itemCode,
    value,
    note: null,
    naReason: null,
    reviewComment: null,
    updatedAt: '2026-11-24T08:00:00.000Z',
    ...extra,
  }
}

export function evidence(id: number, itemCode: string): TEvidenceFile {
  return {
    id,
    itemCode,
    filename: `制度文件${id}.png`,
    mime: 'image/png',
    size: 2048,
    sha256: 'a'.repeat(64),
    url: `/api/v1/files/${id}?expires=9999999999&sig=abc`,
    createdAt: '2026-11-24T08:00:00.000Z',
  }
}

export function assessment(overrides: Partial<TAssessment> = {}): TAssessment {
  return {
    id: 7,
    campaign: {
      id: 1,
      name: '2026年度清廉企业建设自查',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      dueDate: '2026-12-31',
      templateVersion: 1,
      targetCount: 4,
      createdAt: '2026-11-01T00:00:00.000Z',
      closedAt: null,
    },
    enterprise: { id: 3, name: '县恒达食品有限公司', ownership: 'private', partyOrg: 'branch' },
    status: 'draft',
    templateVersion: 1,
    items: ITEMS,
    answers: [],
    evidence: [],
    scores: {
      sections: ['politics', 'operation', 'culture', 'supervision', 'actions'].map((section) => ({
        section: section as TChecklistItem['section'],
        score: null,
        applicable: ITEMS.filter((i) => i.section === section).length,
        answered: 0,
        weightCounted: 0,
      })),
      overall: null,
    },
    history: [
      {
        fromStatus: null,
        toStatus: 'draft',
        actorName: '覃秀',
        comment: '发起自查',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ],
    submittedAt: null,
    updatedAt: '2026-11-24T08:00:00.000Z',
    ...overrides,
  }
}

export const LIAISON_ME = {
  user: { id: 8, name: '陈静', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' },
  memberships: [
    {
      id: 1,
      organisationKind: 'enterprise',
      organisationId: 3,
      organisationName: '县恒达食品有限公司',
      role: 'liaison',
      status: 'approved',
    },
  ],
}

/** What Taro's useRouter() hands the page (Current.router of @tarojs/runtime). */
export function openPage(path: string, params: Record<string, string>) {
  const runtime = require('@tarojs/runtime') as { Current: { router: unknown } }
  runtime.Current.router = { path, params, onReady: '', onHide: '', onShow: '' }
}
