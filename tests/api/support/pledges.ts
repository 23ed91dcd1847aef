import type { FastifyInstance } from 'fastify'
import { PNG } from 'pngjs'
import { sha256Hex } from '../../../server/features/pledges/hashChain'
import {
  renderPledgeText,
  type TPledge,
  type TPledgeKind,
  type TPledgeTemplate,
} from '../../../src/models/pledge'
import { call } from './testApp'

/** A small real PNG "signature": a diagonal stroke, varied by `seed` so hashes differ. */
export function signaturePng(seed = 1): string {
  const png = new PNG({ width: 120, height: 40 })
  png.data.fill(255)
  for (let x = 0; x < 120; x++) {
    const y = Math.floor((x * (seed + 1)) / 4) % 40
    const i = (y * 120 + x) * 4
    png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`
}

/** The current template of each kind, as a signer's app loads them. */
export async function currentTemplates(
  app: FastifyInstance,
  token: string,
): Promise<Record<TPledgeKind, TPledgeTemplate>> {
  const res = await call(app, token, { method: 'GET', url: '/api/v1/pledge-templates' })
  const list = res.json().templates as TPledgeTemplate[]
  return Object.fromEntries(list.map((tpl) => [tpl.kind, tpl])) as Record<TPledgeKind, TPledgeTemplate>
}

const nameOf = async (app: FastifyInstance, table: 'enterprises' | 'departments' | 'users', id: number) =>
  (await app.db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirstOrThrow()).name

/**
 * Signs as the enterprise: `departmentId` starts a 政商双边清廉承诺 (the head), otherwise the one-sided
 * pledge of `kind` for the caller (`signerId`, whose name the text carries).
 */
export async function signAsEnterprise(
  app: FastifyInstance,
  token: string,
  template: TPledgeTemplate,
  parties: { enterpriseId: number; departmentId?: number; signerId?: number },
  seed = 1,
  extra: object = {},
): Promise<TPledge> {
  const text = renderPledgeText(template.kind, template.content, {
    signer: parties.signerId ? await nameOf(app, 'users', parties.signerId) : undefined,
    enterprise: await nameOf(app, 'enterprises', parties.enterpriseId),
    department: parties.departmentId ? await nameOf(app, 'departments', parties.departmentId) : undefined,
  })
  const res = await call(app, token, {
    method: 'POST',
    url: `/api/v1/enterprises/${parties.enterpriseId}/pledges`,
    payload: {
      templateId: template.id,
      textSha256: sha256Hex(text),
      signaturePng: signaturePng(seed),
      ...(parties.departmentId ? { departmentId: parties.departmentId } : {}),
      ...extra,
    },
  })
  if (res.statusCode !== 201) throw new Error(`signing failed: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function countersign(app: FastifyInstance, token: string, pledge: TPledge, seed = 7) {
  const res = await call(app, token, {
    method: 'POST',
    url: `/api/v1/pledges/${pledge.id}/countersign`,
    payload: { textSha256: pledge.textSha256, signaturePng: signaturePng(seed) },
  })
  if (res.statusCode !== 200) throw new Error(`countersign failed: ${res.statusCode} ${res.body}`)
  return res.json() as TPledge
}
