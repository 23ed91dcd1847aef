import { z } from 'zod'
import { maxLengthOf, overLimitMessage, overLimitProblems, textLength } from '@/models/textLimit'
import { ZAnswerInput, ZCampaignCreate, ZRectificationRespond } from '@/models/assessment'
import { ZEnterpriseEventCreate } from '@/models/event'
import { ZMeetingSave } from '@/models/meeting'

describe('text limits from the schemas', () => {
  it('reads the maximum through optional, nullable, default and refinements', () => {
    expect(maxLengthOf(z.string().max(7))).toBe(7)
    expect(maxLengthOf(z.string().trim().max(500).nullable().optional())).toBe(500)
    expect(maxLengthOf(z.string().trim().max(200).default(''))).toBe(200)
    expect(maxLengthOf(z.string().min(2).max(60).regex(/^.*$/))).toBe(60)
  })

  it('refuses a schema without a maximum, so no form field goes without one', () => {
    expect(() => maxLengthOf(z.string())).toThrow(/no maximum/)
    expect(() => maxLengthOf(z.number().max(3))).toThrow(/no maximum/)
  })

  it('gives the forms the numbers the server checks', () => {
    expect(maxLengthOf(ZRectificationRespond.shape.response)).toBe(1000)
    expect(maxLengthOf(ZAnswerInput.shape.note)).toBe(500)
    expect(maxLengthOf(ZAnswerInput.shape.naReason)).toBe(200)
    expect(maxLengthOf(ZMeetingSave.shape.minutes)).toBe(20000)
    expect(maxLengthOf(ZEnterpriseEventCreate.in.shape.title)).toBe(60)
    expect(maxLengthOf(ZCampaignCreate.shape.name)).toBe(60)
    // the server's own check agrees at the boundary
    const at = 'a'.repeat(1000)
    expect(ZRectificationRespond.safeParse({ response: at }).success).toBe(true)
    expect(ZRectificationRespond.safeParse({ response: `${at}b` }).success).toBe(false)
  })

  it('counts as zod does and says by how much a text is over', () => {
    expect(textLength('整改到位')).toBe(4)
    expect(textLength('👍')).toBe(2)
    expect(overLimitMessage('一二三', 3)).toBeNull()
    expect(overLimitMessage('一二三四五', 3)).toBe('最多 3 字，已超出 2 字')
    expect(
      overLimitProblems([
        ['议题', '一二三四', 3],
        ['地点', '一', 3],
      ]),
    ).toEqual(['议题最多 3 字，已超出 1 字'])
  })
})
