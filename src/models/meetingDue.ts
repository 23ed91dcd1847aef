import { z } from 'zod'
import { MEETING_TYPES } from './meetingCompliance'

/**
 * What falls due within 7 days (the 任务 tab): kept apart from the other 三会一课 schemas so the tab, in
 * the mini-program's main package, does not carry them all.
 */
export const ZDueItem = z
  .object({
    branchId: z.number().int(),
    branchName: z.string(),
    enterpriseId: z.number().int(),
    type: z.enum(MEETING_TYPES),
    groupId: z.number().int().nullable(),
    groupName: z.string().nullable(),
    periodKey: z.string(),
    periodLabel: z.string(),
    lastDay: z.string(),
    daysLeft: z.number().int(),
  })
  .meta({ id: 'MeetingDueItem' })
export type TDueItem = z.infer<typeof ZDueItem>
