import { act, fireEvent, waitFor } from '@testing-library/react'
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

/** Taro's <Input> is a Stencil web component (not defined in jsdom): it reports typing as an `input` event. */
export function typeInto(element: Element, value: string) {
  act(() => {
    element.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

/** The county office's clerk as GET /api/v1/me answers. */
export const OFFICE_ME = {
  user: { id: 2, name: '覃秀', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' },
  memberships: [
    {
      id: 1,
      organisationKind: 'department',
      organisationId: 1,
      organisationName: '县清廉企业建设工作领导小组办公室',
      role: 'office',
      status: 'approved',
    },
  ],
}

/**
 * A form's field messages (FieldError, `${block}__error--field`) as [the label above it, the message], in
 * page order; and the form's own message (`${block}__error` without --field), or null.
 */
export function formMessages(block: string) {
  const labelAbove = (el: Element) => {
    for (let at: Element | null = el.previousElementSibling; at; at = at.previousElementSibling) {
      const label = at.classList.contains(`${block}__label`) ? at : at.querySelector(`.${block}__label`)
      if (label) return label.textContent
    }
    return null
  }
  const fields = Array.from(document.querySelectorAll(`.${block}__error--field`)).map((el) => [
    labelAbove(el),
    el.textContent,
  ])
  const form = Array.from(document.querySelectorAll(`.${block}__error`)).filter(
    (el) => !el.classList.contains(`${block}__error--field`),
  )
  return { fields, form: form.length ? form.map((el) => el.textContent).join(' | ') : null }
}
