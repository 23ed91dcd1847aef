/**
 * The supervising departments' downloads. Kept apart from services/assessments.ts: the file download
 * needs the session (and so Taro), which the assessment logic and its unit tests must not load.
 */
import { openApiFile } from './download'

/** 导出工作台账 (.xlsx) of the supervised enterprises for a campaign (default: the latest). */
export function openSupervisionLedger(campaignId?: number): Promise<void> {
  const query = campaignId ? `?campaignId=${campaignId}` : ''
  return openApiFile(`/api/v1/supervision/ledger.xlsx${query}`, '清廉企业建设工作台账.xlsx')
}
