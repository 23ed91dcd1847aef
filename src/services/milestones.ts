/** 实施步骤 milestones of an enterprise: reads, and `queue…` writes through the outbox. */
import {
  ZCountyDeadline,
  ZMilestones,
  type TCountyDeadline,
  type TLeadingGroupSave,
  type TMilestones,
  type TPlanDecision,
  type TPlanFile,
} from '@/models/milestones'
import { ZStoredFile, type TStoredFile } from '@/models/file'
import type { PickedFile } from './platform/types'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'
import { uploadFileTo } from './upload'
import { formatDate } from '@/models/format'

const base = (eid: number) => `/api/v1/enterprises/${eid}/milestones`

export const MILESTONE_WRITE_KINDS = {
  group: 'milestones.leading_group',
  file: 'milestones.plan.file',
  decide: 'milestones.plan.decide',
  deadline: 'milestones.deadline',
  countyDeadline: 'milestones.county_deadline',
} as const

export function fetchMilestones(eid: number): Promise<TMilestones> {
  return request({ path: base(eid), schema: ZMilestones })
}

export function queueLeadingGroup(eid: number, body: TLeadingGroupSave): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${base(eid)}/leading-group`,
    body,
    label: '登记清廉建设工作领导小组',
    kind: MILESTONE_WRITE_KINDS.group,
  })
}

/** Uploads one 实施方案 file at once (the filing then names it); rejects with the request layer's ApiError. */
export function uploadPlanFile(eid: number, file: PickedFile): Promise<TStoredFile> {
  return uploadFileTo({ path: `${base(eid)}/plan/files`, file }, ZStoredFile)
}

export function queuePlanFiling(eid: number, body: TPlanFile): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${base(eid)}/plan/filings`,
    body,
    label: '报送实施方案',
    kind: MILESTONE_WRITE_KINDS.file,
  })
}

export function queuePlanDecision(eid: number, filingId: number, body: TPlanDecision): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${base(eid)}/plan/filings/${filingId}/decision`,
    body,
    label: body.decision === 'receive' ? '实施方案已收到' : '退回实施方案',
    kind: MILESTONE_WRITE_KINDS.decide,
  })
}

export function queueMilestoneDeadline(eid: number, deadline: string | null): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${base(eid)}/deadline`,
    body: { deadline },
    label: deadline ? `设定完成期限 ${formatDate(deadline)}` : '恢复实施方案规定的完成期限',
    kind: MILESTONE_WRITE_KINDS.deadline,
  })
}

/** The county-wide 领导小组与实施方案完成期限 (the office). */
const COUNTY_DEADLINE = '/api/v1/milestones/county-deadline'

export function fetchCountyDeadline(): Promise<TCountyDeadline> {
  return request({ path: COUNTY_DEADLINE, schema: ZCountyDeadline })
}

export function queueCountyDeadline(deadline: string | null): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: COUNTY_DEADLINE,
    body: { deadline },
    label: deadline ? `设定全县完成期限 ${formatDate(deadline)}` : '全县完成期限沿用实施方案规定',
    kind: MILESTONE_WRITE_KINDS.countyDeadline,
  })
}
