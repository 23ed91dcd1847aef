import Taro from '@tarojs/taro'
import { goBack, HOME_PAGE } from '@/services/navigation'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { getCurrentPages: jest.fn(), navigateBack: jest.fn(), reLaunch: jest.fn() },
}))

const taro = Taro as unknown as Record<'getCurrentPages' | 'navigateBack' | 'reLaunch', jest.Mock>
const stack = (n: number) => taro.getCurrentPages.mockReturnValue(Array.from({ length: n }, () => ({})))

describe('goBack', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    taro.navigateBack.mockResolvedValue({ errMsg: 'navigateBack:ok' })
    taro.reLaunch.mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })

  it('goes back when a page is behind this one', async () => {
    stack(2)
    await goBack()
    expect(taro.navigateBack).toHaveBeenCalledTimes(1)
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })

  it('goes to 首页 from a page opened straight (alone in the stack)', async () => {
    stack(1)
    await goBack()
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: HOME_PAGE })
    expect(taro.navigateBack).not.toHaveBeenCalled()
    expect(HOME_PAGE).toBe('/pages/home/index')
  })

  it('still goes back when no stack is known (jsdom: getCurrentPages is empty)', async () => {
    stack(0)
    await goBack()
    expect(taro.navigateBack).toHaveBeenCalledTimes(1)
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})
