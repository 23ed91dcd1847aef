import type { TReport, TReportPeriodRow, TReportRow } from '../../../../src/models/supervisionReport'

const row = (name: string, departmentId: number | null, n: number[], average: number | null): TReportRow => ({
  name,
  departmentId,
  enterprises: n[0],
  notStarted: n[1],
  draft: n[2],
  submitted: n[3],
  returned: n[4],
  accepted: n[5],
  overdueEnterprises: n[6],
  average,
})

const periodRow = (name: string, departmentId: number | null, n: number[]): TReportPeriodRow => ({
  name,
  departmentId,
  submitted: n[0],
  returned: n[1],
  issued: n[2],
  closed: n[3],
  becameOverdue: n[4],
  urged: n[5],
})

/** A finalised office report of three departments, as the docx builder's test and a look at the print use it. */
export const SAMPLE_REPORT: TReport = {
  id: 7,
  number: 3,
  title: '关于2026年第一季度清廉企业建设推进情况的督查专报',
  departmentId: null,
  issuer: '县清廉企业建设工作领导小组办公室',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  status: 'final',
  version: 4,
  createdAt: '2026-04-01T01:00:00.000Z',
  updatedAt: '2026-04-01T17:30:00.000Z',
  // 01:30 on 4月2日 北京时间: the document is dated the 2nd, not the UTC 1st.
  finalisedAt: '2026-04-01T17:30:00.000Z',
  editedSections: [],
  sections: {
    scope: '本次督查覆盖县清廉企业建设工作领导小组办公室所监管的42家企业。',
    progress: '截至2026年4月1日，42家企业中已通过审核20家。各部门情况见下表。',
    problems: '（一）自查退回。2家企业的自查被退回。\n（二）整改逾期。3家企业共4项整改超过期限未完成。',
    named: '1. 县恒达食品有限公司：2项整改逾期未完成。',
    nextSteps: '（一）对逾期未完成整改的企业下发整改通知，督促限期整改到位。',
  },
  snapshot: {
    generatedAt: '2026-04-01T01:00:00.000Z',
    campaign: { id: 1, name: '2026年度清廉企业建设自查' },
    issuer: '县清廉企业建设工作领导小组办公室',
    rows: [
      row('县财政局', 2, [20, 2, 3, 4, 1, 10, 2], 82.4),
      row('县委统战部', 3, [15, 1, 2, 3, 1, 8, 1], 79),
      row('县工业信息化和商务局', 4, [9, 0, 1, 5, 0, 3, 0], null),
    ],
    total: row('合计', null, [42, 3, 5, 11, 2, 21, 3], 81.2),
    rectifications: { open: 6, awaiting: 2, overdue: 4, overdueEnterprises: 3 },
    weakSections: [{ section: 'culture', below: 2, average: 71.5 }],
    returned: [],
    named: [{ enterpriseId: 9, name: '县恒达食品有限公司', reason: '2项整改逾期未完成' }],
    period: {
      start: '2026-01-01',
      end: '2026-03-31',
      rows: [
        periodRow('县财政局', 2, [14, 1, 3, 2, 1, 4]),
        periodRow('县委统战部', 3, [11, 1, 2, 1, 0, 2]),
        periodRow('县工业信息化和商务局', 4, [8, 0, 1, 1, 1, 0]),
      ],
      total: periodRow('合计', null, [32, 2, 6, 4, 2, 6]),
    },
  },
}

/** The same report as stored before its snapshot kept the period's counts (it must still open and print). */
export const OLD_SAMPLE_REPORT: TReport = {
  ...SAMPLE_REPORT,
  snapshot: { ...SAMPLE_REPORT.snapshot, period: undefined },
}
