import type { Generated } from 'kysely'
import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/risks/`. */
export const risksColumns = {
  risks: {
    id: autoId,
    enterprise_id: num,
    area: text,
    area_name: textOrNull,
    post: text,
    description: text,
    likelihood: num,
    impact: num,
    level: column<'high' | 'medium' | 'low'>(),
    measures: text,
    owner: text,
    review_cycle: num,
    next_review_date: text,
    status: column<'active' | 'rectified' | 'closed'>(),
    starter_code: textOrNull,
    rectification_id: numOrNull,
    version: num,
    created_by: num,
    created_at: text,
    updated_at: text,
    /** The 风险预警's current occasion (1 on insert): what a department's 阅知 covers. */
    alert_occasion: column<Generated<number>>(),
  },
  risk_history: {
    id: autoId,
    risk_id: num,
    kind: column<'created' | 'edited' | 'reviewed' | 'rectification' | 'rectified'>(),
    note: textOrNull,
    from_level: column<'high' | 'medium' | 'low' | null>(),
    to_level: column<'high' | 'medium' | 'low' | null>(),
    actor_id: numOrNull,
    created_at: text,
  },
  /** A supervising department's 阅知 of a risk's 高 alert, per occasion (unique with the department). */
  risk_alert_acks: {
    id: autoId,
    risk_id: num,
    occasion: num,
    department_id: num,
    user_id: num,
    acknowledged_at: text,
  },
}
