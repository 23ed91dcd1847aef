import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Transport, TransportRequest } from '@/services/request'
import { logout } from '@/services/session'
import DecisionPage from '@/packages/powers/pages/decision/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { formMessages, NOT_FOUND, signInLiaison, typeInto } from './support/pageTest'

let sent: TransportRequest[]
/** The server's next refusal: its field list. */
let refuseWith: { path: string; message: string }[]

beforeEach(() => {
  localStorage.clear()
  sent = []
  refuseWith = []
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
  const transport: Transport = async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.method === 'POST' && url === '/api/v1/enterprises/3/decisions') {
      sent.push(req)
      return {
        status: 400,
        data: {
          error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查后重试', fields: refuseWith },
        },
      }
    }
    return NOT_FOUND
  }
  signInLiaison(transport)
  openPage('/packages/powers/pages/decision/index', { eid: '3' })
})
afterEach(() => {
  jest.restoreAllMocks()
  act(() => logout())
})

describe('登记“三重一大”决策', () => {
  it('says each problem of the check under its field', async () => {
    render(<DecisionPage />)
    fireEvent.click(await screen.findByText('登记'))
    await waitFor(() => expect(formMessages('pw-form').fields.length).toBeGreaterThan(0))
    const { fields, form } = formMessages('pw-form')
    expect(fields.map(([label]) => label)).toEqual(['事项', '类别', '决策会议', '参会人员', '决策结果'])
    expect(fields).toContainEqual(['决策会议', '请填写决策会议'])
    // In Chinese, as every message of the form (not zod's English for an option not picked).
    expect(fields).toContainEqual(['类别', '请选择决策类别'])
    expect(form).toBeNull()
    expect(sent).toEqual([])
  })

  it('puts the server’s field messages under their fields and the rest by the form', async () => {
    render(<DecisionPage />)
    await screen.findByText('登记')
    const lines = document.querySelectorAll('.decision-form taro-input-core')
    typeInto(lines[0]!, '购置冷链运输车辆')
    typeInto(lines[1]!, '第12次党支部委员会会议')
    const areas = document.querySelectorAll('.decision-form taro-textarea-core')
    typeInto(areas[0]!, '张三、李四、王五')
    typeInto(areas[1]!, '同意购置两台')
    fireEvent.click(screen.getByText('重大项目安排'))
    refuseWith = [
      { path: 'decidedOn', message: '决策日期不能晚于今天' },
      { path: 'meeting', message: '决策会议不能含有特殊符号' },
      { path: 'body', message: '请求格式不正确' },
    ]
    await act(async () => {
      fireEvent.click(screen.getByText('登记'))
    })
    await waitFor(() => expect(sent).toHaveLength(1))
    await waitFor(() => expect(formMessages('pw-form').fields.length).toBe(2))
    expect(formMessages('pw-form')).toEqual({
      fields: [
        ['决策日期', '决策日期不能晚于今天'],
        ['决策会议', '决策会议不能含有特殊符号'],
      ],
      form: '请求格式不正确',
    })
  })
})
