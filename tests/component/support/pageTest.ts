import { fireEvent, waitFor } from '@testing-library/react'
import { configureRequest, type Transport, type TransportResponse } from '@/services/request'
import { completeLogin, getToken, relogin } from '@/services/session'
import { LIAISON_ME } from './assessmentFixture'

/** The server's answer to a path no route of a test's transport serves. */
export const NOT_FOUND: TransportResponse = {
  status: 404,
  data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } },
}

/** The app talks to `transport`, signed in as the enterprise's liaison (LIAISON_ME). */
export function signInLiaison(transport: Transport) {
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: LIAISON_ME.user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
}

/** An enterprise as GET /api/v1/enterprises and /enterprises/:id answer it. */
export function enterpriseRow(id: number, name: string, supervisingDepartmentIds: number[] = []) {
  return {
    id,
    name,
    creditCode: `91450703MA5K${String(id).padStart(5, '0')}X`,
    ownership: 'private',
    partyOrg: 'branch',
    industry: null,
    leadingGroupDate: null,
    planFiledDate: null,
    demonstration: false,
    supervisingDepartmentIds,
  }
}

/** Confirms the open NutUI picker (date, time …) on the value it shows. */
export async function confirmPicker() {
  const confirm = await waitFor(() => {
    const button = document.querySelector('.nut-picker-confirm-btn')
    if (!button) throw new Error('no picker')
    return button
  })
  fireEvent.click(confirm)
}
