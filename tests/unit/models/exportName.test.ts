import { exportFileName, fileNameFromDisposition } from '@/models/exportName'

describe('exportFileName: documents are dated in 北京时间', () => {
  it('dates a 05:30 北京时间 meeting on 12月2日 (21:30 UTC on 12月1日) 2026-12-02', () => {
    const at = '2026-12-01T21:30:00.000Z'
    expect(
      exportFileName({
        organisation: '县恒达食品有限公司党支部',
        title: '支部委员会会议记录',
        at,
        ext: 'docx',
      }),
    ).toBe('县恒达食品有限公司党支部-支部委员会会议记录-2026-12-02.docx')
    expect(exportFileName({ title: '操作日志', at: Date.parse(at), ext: 'xlsx' })).toBe(
      '操作日志-2026-12-02.xlsx',
    )
  })

  it('keeps the day before 16:00 UTC and turns at midnight 北京时间', () => {
    expect(exportFileName({ title: 'x', at: '2026-12-01T15:59:59Z', ext: 'xlsx' })).toBe('x-2026-12-01.xlsx')
    expect(exportFileName({ title: 'x', at: '2026-12-01T16:00:00Z', ext: 'xlsx' })).toBe('x-2026-12-02.xlsx')
  })

  it('replaces what a file system refuses and leaves out an empty organisation', () => {
    expect(
      exportFileName({ organisation: '', title: '廉政党课: 守纪律/讲规矩?\u0000', at: 0, ext: 'xlsx' }),
    ).toBe('廉政党课_ 守纪律_讲规矩_-1970-01-01.xlsx')
    expect(exportFileName({ organisation: null, title: 'a'.repeat(100), at: 0, ext: 'xlsx' })).toBe(
      `${'a'.repeat(60)}-1970-01-01.xlsx`,
    )
    // 60 characters, an emoji being one: never half of one (a lone surrogate breaks the header)
    const emoji = exportFileName({ organisation: null, title: `${'a'.repeat(59)}😀😀`, at: 0, ext: 'xlsx' })
    expect(emoji).toBe(`${'a'.repeat(59)}😀-1970-01-01.xlsx`)
    expect(() => encodeURIComponent(emoji)).not.toThrow()
  })
})

describe('fileNameFromDisposition', () => {
  it('reads the RFC 5987 name first, then the plain one', () => {
    const name = '县恒达食品有限公司-签到表-2026-12-02.xlsx'
    expect(
      fileNameFromDisposition(
        `attachment; filename="event-1.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ),
    ).toBe(name)
    expect(fileNameFromDisposition('attachment; filename="event-1.xlsx"')).toBe('event-1.xlsx')
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull()
    expect(fileNameFromDisposition(null)).toBeNull()
  })
})
