import Taro from '@tarojs/taro'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import { creditCodeCheckChar } from '@/models/creditCode'
import RegisterEnterprisePage from '@/packages/org/pages/register/index'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, OFFICE_ME, typeInto } from './support/pageTest'

const DEPARTMENTS = [
  { id: 1, name: '县清廉企业建设工作领导小组办公室', isOffice: true, retiredAt: null },
  { id: 3, name: '县委统战部', isOffice: false, retiredAt: null },
  { id: 4, name: '县工商联', isOffice: false, retiredAt: null },
]
const BODY = '91450703MA5K00001'
const GOOD = BODY + creditCodeCheckChar(BODY)!
// The same body with another check character: 18 valid characters that GB 32100 refuses.
const WRONG = BODY + (GOOD.endsWith('1') ? '2' : '1')

// A county's ~18 departments (the office's own first), as the demo seeds them.
const COUNTY = [
  DEPARTMENTS[0],
  ...[
    '县委统战部',
    '县工商联',
    '县国资委',
    '县发展和改革局',
    '县财政局',
    '县住房和城乡建设局',
    '县交通运输局',
    '县水利局',
    '县农业农村局',
    '县商务局',
    '县市场监督管理局',
    '县应急管理局',
    '县自然资源局',
    '县生态环境局',
    '县教育局',
    '县卫生健康局',
    '县文化广电体育和旅游局',
  ].map((name, i) => ({ id: i + 3, name, isOffice: false, retiredAt: null })),
]
let offered: typeof DEPARTMENTS
let transport: jest.MockedFunction<Transport>
let taken: Set<string>
/** A refusal the server gives next, with its field list (`AppError` fields). */
let refuseWith: { path: string; message: string }[] | null
let toast: jest.SpyInstance
let navigate: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  taken = new Set()
  refuseWith = null
  offered = DEPARTMENTS
  transport = jest.fn(async (req) => {
    if (req.url === '/api/v1/me') return { status: 200, data: OFFICE_ME }
    if (req.method === 'GET' && req.url === '/api/v1/departments')
      return { status: 200, data: { departments: offered } }
    if (req.method === 'POST' && req.url === '/api/v1/enterprises') {
      const body = req.data as Record<string, unknown> & { creditCode: string }
      if (refuseWith)
        return {
          status: 400,
          data: {
            error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查后重试', fields: refuseWith },
          },
        }
      if (taken.has(body.creditCode))
        return {
          status: 409,
          data: {
            error: {
              code: 'CREDIT_CODE_TAKEN',
              message: '该统一社会信用代码已登记',
              fields: [{ path: 'creditCode', message: '该统一社会信用代码已登记' }],
            },
          },
        }
      taken.add(body.creditCode)
      return {
        status: 201,
        data: { id: 57, leadingGroupDate: null, planFiledDate: null, demonstration: false, ...body },
      }
    }
    return NOT_FOUND
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: OFFICE_ME.user },
    { method: 'demo', openid: 'demo-office' },
  )
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  openPage('/packages/org/pages/register/index', {})
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const input = (field: string) => document.querySelector(`.${field} taro-input-core`)!
const message = (field: string) => document.querySelector(`.${field} .ent-form__error`)?.textContent ?? null
const posts = () =>
  transport.mock.calls.filter(([req]) => req.method === 'POST').map(([req]) => req.data as object)

async function fillIn(code: string) {
  typeInto(input('ent-name'), '县新设食品有限公司')
  typeInto(input('ent-code'), code)
  fireEvent.click(screen.getByText('民营'))
  fireEvent.click(screen.getByText('党支部'))
  typeInto(input('ent-industry'), '食品加工')
  fireEvent.click(screen.getByText('县工商联'))
}

describe('登记企业 (office)', () => {
  it('checks the credit code as it is typed, in Chinese, and sends nothing while a field is wrong', async () => {
    render(<RegisterEnterprisePage />)
    expect(await screen.findByText('县委统战部', undefined, { timeout: 10_000 })).toBeTruthy()
    // the office itself supervises no enterprise of its own here
    expect(screen.queryByText('县清廉企业建设工作领导小组办公室')).toBeNull()

    typeInto(input('ent-code'), '91450703')
    expect(screen.getByText('还差 10 位')).toBeTruthy()
    expect(message('ent-code')).toBeNull()
    typeInto(input('ent-code'), '91450703I')
    expect(message('ent-code')).toBe('统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）')
    typeInto(input('ent-code'), WRONG)
    expect(message('ent-code')).toBe('统一社会信用代码校验位不正确，请核对')
    typeInto(input('ent-code'), GOOD.toLowerCase())
    expect(message('ent-code')).toBeNull()
    expect(screen.getByText('校验位正确')).toBeTruthy()

    typeInto(input('ent-code'), WRONG)
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    expect(message('ent-name')).toBe('请填写企业名称')
    expect(message('ent-code')).toBe('统一社会信用代码校验位不正确，请核对')
    expect(message('ent-ownership')).toBe('请选择所有制')
    expect(message('ent-party')).toBe('请选择党组织情况')
    expect(posts()).toEqual([])
  })

  it('registers through the outbox, offers the liaison’s invite, and shows a taken code by its field', async () => {
    render(<RegisterEnterprisePage />)
    expect(await screen.findByText('县工商联', undefined, { timeout: 10_000 })).toBeTruthy()
    await fillIn(GOOD.toLowerCase())
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    await waitFor(() =>
      expect(posts()).toEqual([
        {
          name: '县新设食品有限公司',
          creditCode: GOOD,
          ownership: 'private',
          partyOrg: 'branch',
          industry: '食品加工',
          supervisingDepartmentIds: [4],
        },
      ]),
    )
    expect(await screen.findByText('已登记')).toBeTruthy()
    expect(screen.getByText('监管部门：县工商联')).toBeTruthy()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记县新设食品有限公司' }))
    fireEvent.click(screen.getByText('邀请联络员'))
    expect(navigate).toHaveBeenCalledWith({
      url: `/packages/org/pages/members/index?eid=57&as=office&name=${encodeURIComponent('县新设食品有限公司')}`,
    })

    // The same code again: the server's refusal stands under the code, the form as it was.
    fireEvent.click(screen.getByText('继续登记'))
    await fillIn(GOOD)
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    await waitFor(() => expect(message('ent-code')).toBe('该统一社会信用代码已登记'))
    expect(posts()).toHaveLength(2)
    expect(screen.queryByText('已登记')).toBeNull()
    // changing the code takes the refusal away
    typeInto(input('ent-code'), WRONG)
    expect(message('ent-code')).toBe('统一社会信用代码校验位不正确，请核对')
  })

  it('shows the server’s field messages under their fields, and one naming no field by the form', async () => {
    render(<RegisterEnterprisePage />)
    expect(await screen.findByText('县工商联', undefined, { timeout: 10_000 })).toBeTruthy()
    await fillIn(GOOD)
    refuseWith = [
      { path: 'name', message: '企业名称不能含有特殊符号' },
      { path: 'supervisingDepartmentIds.0', message: '该监管部门不存在' },
      { path: 'registeredAt', message: '登记日期不正确' },
    ]
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    await waitFor(() => expect(message('ent-name')).toBe('企业名称不能含有特殊符号'))
    expect(message('ent-departments')).toBe('该监管部门不存在')
    const formError = document.querySelector('.ent-form > .ent-form__error')?.textContent
    expect(formError).toBe('登记日期不正确')
    expect(screen.queryByText(/提交的内容有误/)).toBeNull()
    expect(screen.queryByText('已登记')).toBeNull()
  })

  it('narrows a county’s long department list by name, keeping what was ticked', async () => {
    render(<RegisterEnterprisePage />)
    // a short list is read at a glance: no search box
    expect(await screen.findByText('县工商联', undefined, { timeout: 10_000 })).toBeTruthy()
    expect(document.querySelector('.ent-form__search')).toBeNull()
    cleanup()

    offered = COUNTY
    render(<RegisterEnterprisePage />)
    expect(await screen.findByText('县卫生健康局', undefined, { timeout: 10_000 })).toBeTruthy()
    const rows = () =>
      Array.from(document.querySelectorAll('.ent-form__department')).map((r) => r.textContent)
    expect(rows()).toHaveLength(17)
    const chosenLine = () => document.querySelector('.ent-form__chosen')?.textContent
    expect(chosenLine()).toBe('尚未选择')

    typeInto(input('ent-form__search'), '工商')
    expect(rows()).toEqual(['县工商联'])
    fireEvent.click(screen.getByText('县工商联'))
    typeInto(input('ent-form__search'), '县 局 水')
    expect(rows()).toEqual(['县水利局'])
    fireEvent.click(screen.getByText('县水利局'))
    expect(chosenLine()).toBe('已选 2 个：县工商联、县水利局')
    typeInto(input('ent-form__search'), '税务')
    expect(rows()).toEqual([])
    expect(screen.getByText('没有名称含“税务”的部门')).toBeTruthy()
    // (blank words: the whole list; typing '' makes NutUI focus an input jsdom has not drawn)
    typeInto(input('ent-form__search'), ' ')
    expect(rows()).toHaveLength(17)

    typeInto(input('ent-name'), '县新设食品有限公司')
    typeInto(input('ent-code'), GOOD)
    fireEvent.click(screen.getByText('民营'))
    fireEvent.click(screen.getByText('党支部'))
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    await waitFor(() => expect(posts()).toHaveLength(1))
    expect(posts()[0]).toMatchObject({ supervisingDepartmentIds: [4, 10] })
  })
})
