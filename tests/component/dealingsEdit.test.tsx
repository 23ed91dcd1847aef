import { act, fireEvent, render, screen } from '@testing-library/react'
import type { TDealingLists } from '@/models/dealings'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import DealingEditPage from '@/packages/dealings/pages/edit/index'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, OFFICE_ME, signInLiaison } from './support/pageTest'

/** The demo's lists as the office reads them (GET /api/v1/dealings). */
const LISTS: TDealingLists = {
  basis: '主要任务10. 塑造亲清政商文化（牵头单位：县委统战部、县工商联）',
  canPublish: true,
  lists: [
    {
      kind: 'positive',
      label: '政商交往正面清单',
      inForce: {
        id: 1,
        kind: 'positive',
        version: 1,
        status: 'in_force',
        items: [
          {
            text: '建立起党政领导与企业家畅通、务实、高效、阳光的沟通载体，畅通政企沟通渠道',
            basis: '主要任务10. 塑造亲清政商文化',
          },
          { text: '进一步明晰政商交往的界限、红线和底线', basis: '主要任务10. 塑造亲清政商文化' },
        ],
        revision: 0,
        createdAt: '2026-12-05T04:04:14.423Z',
        updatedAt: '2026-12-05T04:04:14.423Z',
        publishedAt: '2026-12-05T04:04:14.423Z',
      },
      history: [{ id: 1, version: 1, publishedAt: '2026-12-05T04:04:14.423Z' }],
      drafts: [],
    },
    {
      kind: 'negative',
      label: '政商交往负面清单',
      inForce: {
        id: 2,
        kind: 'negative',
        version: 1,
        status: 'in_force',
        items: [{ text: '进一步明晰政商交往的界限、红线和底线', basis: '主要任务10. 塑造亲清政商文化' }],
        revision: 0,
        createdAt: '2026-12-05T04:04:14.423Z',
        updatedAt: '2026-12-05T04:04:14.423Z',
        publishedAt: '2026-12-05T04:04:14.423Z',
      },
      history: [{ id: 2, version: 1, publishedAt: '2026-12-05T04:04:14.423Z' }],
      drafts: [],
    },
    {
      kind: 'guidance',
      label: '清廉民企建设引导清单',
      inForce: {
        id: 3,
        kind: 'guidance',
        version: 1,
        status: 'in_force',
        items: [
          { text: '推动构建亲清政商关系', basis: '总体要求（二）主要目标' },
          { text: '营造良好的亲清政商环境', basis: '主要任务10. 塑造亲清政商文化' },
        ],
        revision: 0,
        createdAt: '2026-12-05T04:04:14.423Z',
        updatedAt: '2026-12-05T04:04:14.423Z',
        publishedAt: '2026-12-05T04:04:14.423Z',
      },
      history: [{ id: 3, version: 1, publishedAt: '2026-12-05T04:04:14.423Z' }],
      drafts: [],
    },
  ],
}

let transport: jest.MockedFunction<Transport>

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: OFFICE_ME }
    if (req.method === 'GET' && url === '/api/v1/dealings') return { status: 200, data: LISTS }
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

const items = () => Array.from(document.querySelectorAll('.dealings__item'))

describe('起草政商交往清单', () => {
  it('shows an item’s problem under that item, and sends nothing', async () => {
    openPage('/packages/dealings/pages/edit/index', { kind: 'positive' })
    render(<DealingEditPage />)
    await screen.findByText('第2条')
    fireEvent.click(screen.getByText('添加一条'))
    await screen.findByText('第3条')
    fireEvent.click(screen.getByText('保存草稿'))
    const message = await screen.findByText('条目至少2个字')
    expect(items()[2]?.contains(message)).toBe(true)
    // Right under the item's text, above its 依据.
    expect(message.previousElementSibling?.querySelector('textarea, taro-textarea-core')).toBeTruthy()
    expect(items()[0]?.querySelector('.dealings__error')).toBeNull()
    expect(transport.mock.calls.filter(([r]) => r.method !== 'GET')).toEqual([])
    // Deleting the item takes its problem away with it.
    fireEvent.click(items()[2]!.querySelector('.dealings__link')!)
    expect(screen.queryByText('条目至少2个字')).toBeNull()
  })
})
