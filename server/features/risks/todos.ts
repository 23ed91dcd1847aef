import type { DbOrTrx } from '../../core/db/database'
import type { TTodo } from '../../../src/models/todo'
import {
  RISK_LEVEL_LABELS,
  RISK_REVIEW_NOTICE_DAYS,
  riskAreaLabel,
  type TRiskArea,
} from '../../../src/models/risk'
import { chineseDay, shanghaiDate, shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'
import { risksRepository } from './repository'

type Draft = Omit<TTodo, 'overdue'>

/**
 * The register's to-dos: its liaison's reviews from RISK_REVIEW_NOTICE_DAYS before the date (overdue
 * after it), and, for the supervising departments, an alert for each 有效 risk at 高 or past its review
 * until they have all 阅知 it (a 高 alert only; see risks/alertService.ts).
 */
export async function riskTodos(
  db: DbOrTrx,
  liaisonOf: number[],
  supervising: number[],
  now: number,
): Promise<Draft[]> {
  const today = shanghaiDate(now)
  const [due, alerts] = await Promise.all([
    liaisonOf.length
      ? risksRepository.dueForReview(db, liaisonOf, shanghaiDateAfterDays(now, RISK_REVIEW_NOTICE_DAYS))
      : [],
    supervising.length ? risksRepository.alerts(db, supervising, today) : [],
  ])
  return [
    ...due.map((r) => ({
      kind: 'risk_review' as const,
      // A new review date is a new occasion (and a new reminder).
      key: `risk-review:${r.id}:${r.next_review_date}`,
      title: `复核廉洁风险点：${riskAreaLabel(r.area as TRiskArea, r.area_name)} · ${r.post}`,
      detail: r.enterprise_name,
      dueDate: r.next_review_date,
      enterpriseId: r.enterprise_id,
      recordId: r.id,
    })),
    ...alerts.map((r) => {
      const late = r.next_review_date < today
      return {
        kind: 'risk_alert' as const,
        // A new occasion (a 阅知 no longer covers it) is a new item and a new reminder.
        key: `risk-alert:${r.id}:${r.alert_occasion}:${r.level}:${late ? r.next_review_date : ''}`,
        title: `廉洁风险预警：${riskAreaLabel(r.area as TRiskArea, r.area_name)} · ${r.post}`,
        detail: `${r.enterprise_name} · ${
          late
            ? `逾期未复核（应于 ${chineseDay(r.next_review_date)}）`
            : `风险等级${RISK_LEVEL_LABELS[r.level]}`
        }`,
        dueDate: late ? r.next_review_date : null,
        enterpriseId: r.enterprise_id,
        recordId: r.id,
      }
    }),
  ]
}
