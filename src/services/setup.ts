/** Switching on a county: the first administrator redeems the code `npm run setup` printed. */
import { getOutbox, type OutboxEntry } from './outbox'

export const SETUP_WRITE_KINDS = { redeem: 'admin_code.redeem' } as const

/** POST /api/v1/setup/redeem through the outbox. */
export function queueRedeemAdminCode(code: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/setup/redeem',
    body: { code },
    label: '凭管理员码开通领导小组办公室管理员',
    kind: SETUP_WRITE_KINDS.redeem,
  })
}
