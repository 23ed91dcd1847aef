import { z } from 'zod'
import {
  line,
  lines,
  maxLengthOf,
  maxLengthsOf,
  overLimitMessage,
  overLimitProblems,
  textLength,
} from '@/models/textLimit'
import { rowIds, ZIdParam, ZRowId } from '@/models/common'
import { ZAnswerInput, ZCampaignCreate } from '@/models/assessment'
import { ZRectificationRespond } from '@/models/rectification'
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

  it('reads several fields of one schema at once, and refuses one without a maximum', () => {
    const shape = z.object({
      title: z.string().max(60),
      note: z.string().max(500).optional(),
      n: z.number(),
    }).shape
    expect(maxLengthsOf(shape, ['title', 'note'])).toEqual({ title: 60, note: 500 })
    expect(() => maxLengthsOf(shape, ['title', 'n'])).toThrow(/no maximum/)
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

describe('the shared text and id schemas', () => {
  it('refuses every control character in one line, and all but tab and line breaks in several', () => {
    const name = line(30, '姓名')
    expect(name.parse('  陈静 ')).toBe('陈静')
    for (const bad of ['\u0000', '陈\u0000静', '\u001b[31m', 'a\tb', 'a\nb'])
      expect(name.safeParse(bad).error?.issues[0].message).toBe('姓名不能包含控制字符')
    const minutes = lines(100, '纪要')
    expect(minutes.parse('第一条\n\t第二条\r\n')).toBe('第一条\n\t第二条')
    for (const bad of ['\u0000', '\u0007', '\u000b', '\u001f'])
      expect(minutes.safeParse(`纪${bad}要`).success).toBe(false)
    // The limit is still read from the schema for the form's counter.
    expect(maxLengthOf(name)).toBe(30)
  })

  it('bounds ids to the 32-bit columns and refuses a repeated one', () => {
    expect(ZRowId.safeParse(2_147_483_647).success).toBe(true)
    expect(ZRowId.safeParse(2_147_483_648).success).toBe(false)
    expect(ZIdParam.safeParse('2147483648').success).toBe(false)
    expect(ZIdParam.parse('12')).toBe(12)
    expect(rowIds(5, '企业').safeParse([1, 2, 1]).error?.issues[0].message).toBe('企业不能重复')
    expect(rowIds(5).safeParse([1, 2 ** 31]).success).toBe(false)
  })
})
