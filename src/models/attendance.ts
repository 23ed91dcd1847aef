import { z } from 'zod'
import { enterpriseRef, pageOf, pagingFields, personRef } from './common'
import { ZEventKind, ZOrganiser, ZSignInFlag, ZSignInMethod } from './event'

/** Who came to an event (已签到), who did not (未签到), and an enterprise's attendance rate over its events. */

export const ZAttendanceRow = z.object({
  signInId: z.number().int(),
  ...personRef,
  ...enterpriseRef,
  signedInAt: z.string(),
  method: ZSignInMethod,
  flags: z.array(ZSignInFlag),
  scannedAt: z.string().nullable(),
  receivedAt: z.string(),
  distanceM: z.number().nullable(),
  /** 代签人 (the organiser who signed the person in) and why: only for 组织者代签. */
  proxyByName: z.string().nullable(),
  proxyReason: z.string().nullable(),
})
export type TAttendanceRow = z.infer<typeof ZAttendanceRow>

/** `?page=&pageSize=` of the attendance lists (已签到 and 未签到). */
export const ZAttendanceQuery = z.object(pagingFields)
export type TAttendanceQuery = z.input<typeof ZAttendanceQuery>

/** The counts an organiser sees above both lists: 签到 x / 应到 y, 未签到 z. */
const attendanceCounts = {
  eventId: z.number().int(),
  title: z.string(),
  /** Set when the event was cancelled: its lists are kept, marked 已取消. */
  cancelledAt: z.string().nullable(),
  /** Sign-ins (实到). */
  count: z.number().int(),
  /** Approved members of the audience enterprises today (应到). */
  expected: z.number().int(),
  /** Of those, who has not signed in (未签到). */
  absentCount: z.number().int(),
  flaggedCount: z.number().int(),
}

/** 已签到, one page (earliest first): `items` of `total` (= count). */
export const ZAttendance = z
  .object({
    ...attendanceCounts,
    ...pageOf(ZAttendanceRow),
  })
  .meta({ id: 'Attendance' })
export type TAttendance = z.infer<typeof ZAttendance>

export const ZAbsentee = z.object({
  ...personRef,
  /** The person's (lowest) enterprise among the audience. */
  ...enterpriseRef,
  /** The account is switched off (停用): they cannot sign in themselves. */
  disabled: z.boolean(),
})
export type TAbsentee = z.infer<typeof ZAbsentee>

/** 未签到, one page (by enterprise): `items` of `total` (= absentCount). */
export const ZAbsentees = z
  .object({
    ...attendanceCounts,
    ...pageOf(ZAbsentee),
  })
  .meta({ id: 'Absentees' })
export type TAbsentees = z.infer<typeof ZAbsentees>

export const ZAttendanceRate = z
  .object({
    enterpriseId: z.number().int(),
    events: z.array(
      z.object({
        eventId: z.number().int(),
        title: z.string(),
        kind: ZEventKind,
        startsAt: z.string(),
        organiser: ZOrganiser,
        expected: z.number().int(),
        attended: z.number().int(),
        /** attended / expected, 0..1 with 3 decimals; null when nobody is expected. */
        rate: z.number().nullable(),
      }),
    ),
    totals: z.object({ expected: z.number().int(), attended: z.number().int(), rate: z.number().nullable() }),
  })
  .meta({ id: 'AttendanceRate' })
export type TAttendanceRate = z.infer<typeof ZAttendanceRate>
