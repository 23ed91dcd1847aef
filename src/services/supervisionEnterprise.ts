/** 监管 · 企业详情: one enterprise as its supervising departments and the office see it. */
import {
  ZEnterpriseHistory,
  ZSupervisionEnterprise,
  type TEnterpriseHistory,
  type TSupervisionEnterprise,
} from '@/models/supervisionEnterprise'
import { request } from './request'

export function fetchSupervisionEnterprise(enterpriseId: number): Promise<TSupervisionEnterprise> {
  return request({ path: `/api/v1/supervision/enterprises/${enterpriseId}`, schema: ZSupervisionEnterprise })
}

/** One page of its supervision history (newest first). */
export function fetchEnterpriseHistory(
  enterpriseId: number,
  page: number,
  pageSize: number,
): Promise<TEnterpriseHistory> {
  return request({
    path: `/api/v1/supervision/enterprises/${enterpriseId}/history`,
    query: { page, pageSize },
    schema: ZEnterpriseHistory,
  })
}
