import {
  ZEnterpriseListPage,
  ZSupervisionFigures,
  type TEnterpriseListPage,
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

/** One page of the enterprises behind a figure (filters as the route takes them). */
export function fetchSupervisedEnterprises(query: TEnterpriseListQuery): Promise<TEnterpriseListPage> {
  return request({
    path: '/api/v1/supervision/enterprises',
    query: query as Record<string, string | number | undefined>,
    schema: ZEnterpriseListPage,
  })
}
