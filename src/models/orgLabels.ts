// No zod here: the main package (tab pages) imports it, and zod stays in the subpackages.
import type { TRole } from './roles'

export const ROLE_LABELS: Record<TRole, string> = {
  employee: '职工',
  liaison: '联络员',
  head: '负责人',
  branch_secretary: '支部书记',
  supervisor: '监管员',
  office: '领导小组办公室',
  official: '党员干部',
}

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'removed'] as const
export const MEMBERSHIP_STATUS_LABELS: Record<(typeof MEMBERSHIP_STATUSES)[number], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已拒绝',
  removed: '已移出',
}

/**
 * Who the 国有企业领导人员 rules bind (《国有企业领导人员廉洁从业若干规定》, the 国有企业领导人员廉洁从业承诺书):
 * 国有独资 and 国有控股. A 混合所有制 enterprise here is one where state capital does not control, so its
 * heads are not 国有企业领导人员. One rule for the checklist (T05-02) and the pledges.
 */
export const SOE_LEADER_OWNERSHIPS = ['state_owned', 'state_controlled'] as const
