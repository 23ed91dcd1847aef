import {
  ZEnterpriseListPage,
  ZMeetingFigures,
  ZRiskFigures,
  ZSupervisionFigures,
  type TEnterpriseListPage,
  type TMeetingFigures,
  type TRiskFigures,
  type TEnterpriseListQuery,
  type TSupervisionFigures,
} from '@/models/supervisionOverview'
import { request } from './request'

/** 监管总览's figures for a campaign (default: the latest), optionally one department's. */
export function fetchSupervisionFigures(query: {
  campaignId?: number
  departmentId?: number
}): Promise<TSupervisionFigures> {
  return request({ path: '/api/v1/supervision/figures', query, schema: ZSupervisionFigures })
}

/** 三会一课 完成率 over the same enterprises (its own request: the other figures do not wait for it). */
export function fetchMeetingFigures(query: { departmentId?: number }): Promise<TMeetingFigures> {
  return request({ path: '/api/v1/supervision/figures/meetings', query, schema: ZMeetingFigures })
}

/** 廉洁风险点 (有效) over the same enterprises, by level and area (its own request too). */
export function fetchRiskFigures(query: { departmentId?: number }): Promise<TRiskFigures> {
  return request({ path: '/api/v1/supervision/figures/risks', query, schema: ZRiskFigures })
}

/** One page of the enterprises behind a figure (filters as the route takes them). */
export function fetchSupervisedEnterprises(query: TEnterpriseListQuery): Promise<TEnterpriseListPage> {
  return request({
    path: '/api/v1/supervision/enterprises',
    query: query as Record<string, string | number | undefined>,
    schema: ZEnterpriseListPage,
  })
}
