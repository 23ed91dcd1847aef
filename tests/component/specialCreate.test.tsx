import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Transport, TransportRequest } from '@/services/request'
import { logout } from '@/services/session'
import SpecialCreatePage from '@/packages/specials/pages/create/index'
import { openPage } from './support/assessmentFixture'
import { formMessages, NOT_FOUND, signInLiaison, typeInto } from './support/pageTest'

const department = (id: number, name: string) => ({
  id,
  organisationKind: 'department',
  organisationId: id,
  organisationName: name,
  role: 'supervisor',
  status: 'approved',
})
const user = { id: 5, name: '韦丽萍', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' }

let me: unknown
let sent: TransportRequest[]
/** The server's next refusal: its field list (AppError / RequestValidationError fields). */
let refuseWith: { path: string; message: string }[] | null

beforeEach(() => {
  localStorage.clear()
  sent = []
  refuseWith = null
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  const transport: Transport = async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: me }
    if (req.method === 'POST' && url === '/api/v1/specials') {
      sent.push(req)
      if (refuseWith)
        return {
          status: 400,
          data: {
            error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查后重试', fields: refuseWith },
          },
        }
      return { status: 201, data: {} }
    }
    return NOT_FOUND
  }
  signInLiaison(transport)
})
afterEach(() => {
  jest.restoreAllMocks()
  act(() => logout())
})

async function fillIn() {
  openPage('/packages/specials/pages/create/index', {})
  render(<SpecialCreatePage />)
  await screen.findByText('开展')
  typeInto(
    document.querySelector('.sp-form taro-input-core') ?? document.querySelector('.sp-form input')!,
    '民营企业廉洁风险点排查',
  )
  typeInto(document.querySelector('.sp-form taro-textarea-core')!, '逐项排查并填报问题清单')
  fireEvent.click(screen.getByText('民营'))
}

describe('开展专项整治', () => {
  it('a supervisor of two departments names the one it is opened for', async () => {
    me = { user, memberships: [department(3, '县委统战部'), department(4, '县工商联')] }
    await fillIn()
    await screen.findByText('开展部门')
    fireEvent.click(screen.getByText('开展'))
    await screen.findByText('请选择以哪个部门的名义开展')
    expect(sent).toEqual([])
    fireEvent.click(screen.getByText('县工商联'))
    fireEvent.click(screen.getByText('开展'))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]!.data).toMatchObject({
      departmentId: 4,
      scope: { kind: 'ownership', ownerships: ['private'] },
    })
  })

  it('one department: no choice to make, opened for it by the server', async () => {
    me = { user, memberships: [department(3, '县委统战部')] }
    await fillIn()
    fireEvent.click(screen.getByText('开展'))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(screen.queryByText('开展部门')).toBeNull()
    expect(sent[0]!.data).not.toHaveProperty('departmentId')
  })

  it('says each problem of the check under its field, not once at the foot', async () => {
    me = { user, memberships: [department(3, '县委统战部'), department(4, '县工商联')] }
    openPage('/packages/specials/pages/create/index', {})
    render(<SpecialCreatePage />)
    await screen.findByText('开展部门')
    fireEvent.click(screen.getByText('开展'))
    await waitFor(() => expect(formMessages('sp-form').fields.length).toBeGreaterThan(0))
    expect(formMessages('sp-form')).toEqual({
      fields: [
        ['标题', expect.stringMatching(/标题/)],
        ['工作要求', expect.stringMatching(/工作要求/)],
        ['开展部门', '请选择以哪个部门的名义开展'],
        ['范围（企业性质，开展时确定名单）', '请选择企业性质'],
      ],
      form: null,
    })
    expect(sent).toEqual([])
    // Editing a field takes its message away; the others stay until the next tap.
    typeInto(document.querySelector('.sp-form taro-input-core')!, '民营企业廉洁风险点排查')
    expect(formMessages('sp-form').fields.map(([label]) => label)).toEqual([
      '工作要求',
      '开展部门',
      '范围（企业性质，开展时确定名单）',
    ])
  })

  it('puts the server’s field messages under their fields and the rest by the form', async () => {
    me = { user, memberships: [department(3, '县委统战部')] }
    await fillIn()
    refuseWith = [
      { path: 'title', message: '标题不能含有特殊符号' },
      { path: 'scope.ownerships.0', message: '企业性质不正确' },
      { path: 'body', message: '请求格式不正确' },
    ]
    await act(async () => {
      fireEvent.click(screen.getByText('开展'))
    })
    await waitFor(() => expect(formMessages('sp-form').fields.length).toBe(2))
    expect(formMessages('sp-form')).toEqual({
      fields: [
        ['标题', '标题不能含有特殊符号'],
        ['范围（企业性质，开展时确定名单）', '企业性质不正确'],
      ],
      form: '请求格式不正确',
    })
  })
})
