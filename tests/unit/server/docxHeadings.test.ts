import JSZip from 'jszip'
import { meetingDocx } from '../../../server/features/party/docx'
import { reportDocx } from '../../../server/features/supervision/reportDocx'
import { buildInvitesDocx } from '../../../server/features/imports/invitesDocx'
import { sampleMeeting } from './support/sampleMeeting'
import { SAMPLE_REPORT } from './support/sampleReport'

const documentXml = async (content: Buffer) =>
  (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')

/** Each paragraph's text and whether it is kept with the next one and kept whole (keepNext, keepLines). */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    kept: /<w:keepNext\/>/.test(p) && /<w:keepLines\/>/.test(p),
  }))
}

/** The texts among `headings` whose paragraph is not kept with what follows it. */
async function notKept(content: Buffer, headings: (text: string) => boolean) {
  const found = paragraphs(await documentXml(content)).filter((p) => headings(p.text))
  expect(found.length).toBeGreaterThan(0)
  return found.filter((p) => !p.kept).map((p) => p.text)
}

/** A heading never ends a page alone: each is kept with the paragraph after it (LibreOffice and Word honour it). */
describe('.docx headings keep with their text', () => {
  it('会议记录: 更正记录, each correction’s line and the title lines', async () => {
    const meeting = sampleMeeting(28)
    const headings = new Set(['更正记录', meeting.branchName, '支部委员会会议记录', meeting.enterpriseName])
    expect(
      await notKept(
        await meetingDocx(meeting, new Map()),
        (text) => headings.has(text) || /^第\d+次更正：/.test(text),
      ),
    ).toEqual([])
  })

  it('督查专报: the title, the numbered sections and the tables’ captions', async () => {
    expect(
      await notKept(
        await reportDocx(SAMPLE_REPORT),
        (text) =>
          text === SAMPLE_REPORT.title || /^[一二三四五六七八九十]、/.test(text) || /情况表（/.test(text),
      ),
    ).toEqual([])
  })

  it('联络员邀请函: its title, 邀请码 and 如何加入', async () => {
    const content = await buildInvitesDocx(
      [
        {
          name: '县恒达食品有限公司',
          creditCode: '91450703MA5K00001X',
          liaisonName: '陈静',
          code: 'ABCD2345',
          link: 'https://example.test/join?code=ABCD2345',
          expiresAt: '2026-12-31 23:59',
        },
      ],
      '测试县清廉企业建设工作领导小组办公室',
    )
    expect(await notKept(content, (text) => ['联络员邀请函', '邀请码', '如何加入'].includes(text))).toEqual(
      [],
    )
  })
})
