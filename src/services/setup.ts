/** Switching on a county: the first administrator redeems the code `npm run setup` printed. */
import { type OutboxEntry } from './outbox'
import { queueWrite } from './queueWrite'

export const SETUP_WRITE_KINDS = { redeem: 'admin_code.redeem' } as const

/** POST /api/v1/setup/redeem through the outbox. */
export function queueRedeemAdminCode(code: string): OutboxEntry {
  return queueWrite(
    'POST',
    '/api/v1/setup/redeem',
    { code },
    '凭管理员码开通领导小组办公室管理员',
    SETUP_WRITE_KINDS.redeem,
  )
}
