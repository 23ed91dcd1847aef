import { z } from 'zod'
import { ZDueItem, type TDueItem } from '@/models/meetingDue'
import { request } from './request'

const ZDueList = z.object({ items: z.array(ZDueItem) })

/** 三会一课 falling due within 7 days in the branches the user writes records for (the 任务 tab). */
export async function fetchDueMeetings(): Promise<TDueItem[]> {
  return (await request({ path: '/api/v1/party/due', schema: ZDueList })).items
}
