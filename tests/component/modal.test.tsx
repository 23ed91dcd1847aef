import Taro from '@tarojs/taro'
import { CONFIRM_COLOR, showModal } from '@/services/platform/modal'

describe('showModal: the app’s red on every confirm button', () => {
  it('adds the colour unless the call names its own', async () => {
    const spy = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    await showModal({ title: '确认导入', content: '确认导入吗？' })
    expect(spy).toHaveBeenLastCalledWith({
      title: '确认导入',
      content: '确认导入吗？',
      confirmColor: CONFIRM_COLOR,
    })
    await showModal({ title: '取消活动', confirmColor: '#d9363e' })
    expect(spy).toHaveBeenLastCalledWith({ title: '取消活动', confirmColor: '#d9363e' })
    spy.mockRestore()
  })
})
