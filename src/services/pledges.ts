/**
 * 廉洁承诺: typed reads (request.ts) and the signings queued in the outbox (outbox.ts). A signing carries
 * the SHA-256 of the exact text this device showed and the handwritten signature as a PNG; the server
 * refuses it if the text it would record differs.
 */
import { z } from 'zod'
import {
  ZPledge,
  ZPledgeCoverage,
  ZPledgeSummary,
  ZPledgeTemplate,
  ZPledgeTodo,
  ZSupervisionPledgePage,
  type TPledge,
  type TPledgeCoverage,
  type TPledgeSummary,
  type TPledgeTemplate,
  type TPledgeTemplatePublish,
  type TPledgeTodo,
  type TSupervisionPledgePage,
} from '@/models/pledge'
import { ZPledgeVerification, type TPledgeVerification } from '@/models/pledgeVerification'
import { sha256Hex } from '@/models/pledgeHash'
import { getOutbox, type OutboxEntry } from './outbox'
import { platformCertificate } from './platform/certificate'
import { apiBase, webOrigin } from './platform/env'
import { apiErrorFromResponse, buildUrl, request, toApiError } from './request'
import { getToken } from './session'

export const PLEDGE_WRITE_KINDS = {
  sign: 'pledge.sign',
  countersign: 'pledge.countersign',
  withdraw: 'pledge.withdraw',
  remind: 'pledge.remind',
  publish: 'pledge_template.publish',
} as const

export const pledgePath = (id: number) => `/api/v1/pledges/${id}`

const ZTemplateList = z.object({ templates: z.array(ZPledgeTemplate) })
const ZPledgeList = z.object({ pledges: z.array(ZPledgeSummary) })
const ZCounterparty = z.object({ id: z.number().int(), name: z.string() })

export async function fetchPledgeTemplates(all = false): Promise<TPledgeTemplate[]> {
  const res = await request({
    path: '/api/v1/pledge-templates',
    query: all ? { all: 'true' } : undefined,
    schema: ZTemplateList,
  })
  return res.templates
}

export async function fetchMyPledges(): Promise<TPledgeSummary[]> {
  return (await request({ path: '/api/v1/pledges', schema: ZPledgeList })).pledges
}

export function fetchPledgeTodo(): Promise<TPledgeTodo> {
  return request({ path: '/api/v1/pledges/todo', schema: ZPledgeTodo })
}

export function fetchPledge(id: number): Promise<TPledge> {
  return request({ path: pledgePath(id), schema: ZPledge })
}

/** The public check: no login. */
export function verifyPledge(code: string): Promise<TPledgeVerification> {
  return request({
    path: `/api/v1/pledges/verify/${encodeURIComponent(code)}`,
    auth: false,
    schema: ZPledgeVerification,
  })
}

export { fetchDepartments } from './departments'

export function findCounterparty(departmentId: number, creditCode: string) {
  return request({
    path: `/api/v1/departments/${departmentId}/pledge-counterparty`,
    query: { creditCode },
    schema: ZCounterparty,
  })
}

export function fetchPledgeCoverage(enterpriseId: number): Promise<TPledgeCoverage> {
  return request({ path: `/api/v1/enterprises/${enterpriseId}/pledge-coverage`, schema: ZPledgeCoverage })
}

export function fetchSupervisionPledgeCoverage(page: number): Promise<TSupervisionPledgePage> {
  return request({
    path: '/api/v1/supervision/pledge-coverage',
    query: { page },
    schema: ZSupervisionPledgePage,
  })
}

export interface PledgeSigning {
  /** The enterprise side signs through its enterprise, the cadre through the department. */
  via:
    | { kind: 'enterprise'; enterpriseId: number; departmentId?: number }
    | { kind: 'department'; departmentId: number; enterpriseId: number }
  templateId: number
  /** The exact text shown (renderPledgeText). */
  text: string
  /** data:image/png;base64,… */
  signaturePng: string
  /** 政商 pledges: the 政商交往清单 versions the page showed (the server refuses if no longer in force). */
  dealingVersionIds?: number[]
  label: string
}

export function queueSignPledge(s: PledgeSigning): OutboxEntry {
  const common = {
    templateId: s.templateId,
    textSha256: sha256Hex(s.text),
    signaturePng: s.signaturePng,
    ...(s.dealingVersionIds ? { dealingVersionIds: s.dealingVersionIds } : {}),
  }
  return getOutbox().enqueue(
    s.via.kind === 'enterprise'
      ? {
          method: 'POST',
          path: `/api/v1/enterprises/${s.via.enterpriseId}/pledges`,
          body: { ...common, ...(s.via.departmentId ? { departmentId: s.via.departmentId } : {}) },
          label: s.label,
          kind: PLEDGE_WRITE_KINDS.sign,
        }
      : {
          method: 'POST',
          path: `/api/v1/departments/${s.via.departmentId}/pledges`,
          body: { ...common, enterpriseId: s.via.enterpriseId },
          label: s.label,
          kind: PLEDGE_WRITE_KINDS.sign,
        },
  )
}

export function queueCountersign(pledge: Pick<TPledge, 'id' | 'text' | 'title'>, signaturePng: string) {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${pledgePath(pledge.id)}/countersign`,
    body: { textSha256: sha256Hex(pledge.text), signaturePng },
    label: `签署${pledge.title}`,
    kind: PLEDGE_WRITE_KINDS.countersign,
  })
}

export function queueWithdraw(id: number, reason: string) {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${pledgePath(id)}/withdraw`,
    body: { reason },
    label: '撤回双边承诺',
    kind: PLEDGE_WRITE_KINDS.withdraw,
  })
}

export function queueRemind(enterpriseId: number, userIds?: number[]) {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/enterprises/${enterpriseId}/pledge-reminders`,
    body: userIds ? { userIds } : {},
    label: '提醒签署个人廉洁从业承诺',
    kind: PLEDGE_WRITE_KINDS.remind,
  })
}

export function queuePublishTemplate(body: TPledgeTemplatePublish) {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/pledge-templates',
    body,
    label: '发布承诺书新版本',
    kind: PLEDGE_WRITE_KINDS.publish,
  })
}

const P = '/packages/pledges/pages'

/** The public verify page (H5) for a code: what the certificate's QR holds. */
export function verifyPageUrl(code: string): string {
  return `${webOrigin()}/#${P}/verify/index?code=${encodeURIComponent(code)}`
}

/** The counter-sign page for the other side (H5 link in the share QR; the mini-program opens the same path). */
export function countersignPageUrl(pledgeId: number): string {
  return `${webOrigin()}/#${P}/sign/index?pid=${pledgeId}`
}

/**
 * 导出证书图片: the certificate the API draws (SVG: text, both signatures, times, hashes, code and QR), as a
 * PNG download on H5; the mini-program copies the public verify link (platform/certificate.*.ts).
 */
export async function exportCertificate(
  pledge: Pick<TPledge, 'id' | 'code' | 'title'>,
): Promise<'downloaded' | 'link-copied'> {
  const token = getToken()
  const res = await platformCertificate
    .export({
      svgUrl: buildUrl(apiBase, `${pledgePath(pledge.id)}/certificate.svg`, {
        origin: webOrigin() || undefined,
      }),
      header: token ? { Authorization: `Bearer ${token}` } : {},
      baseName: `${pledge.title}-${pledge.code}`,
      verifyUrl: verifyPageUrl(pledge.code),
    })
    .catch((err: unknown) => {
      throw toApiError(err)
    })
  if (res.status !== 200) throw apiErrorFromResponse(res.status, null)
  return res.result
}
