import fs from 'node:fs'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { CONFIRM_COLOR, showModal } from '@/services/platform/modal'

const SRC = path.resolve(__dirname, '../../src')

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

  it('is what the pages call: no page calls Taro.showModal itself', () => {
    const callers: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(file)
        else if (/\.tsx?$/.test(file) && fs.readFileSync(file, 'utf8').includes('Taro.showModal('))
          callers.push(path.relative(SRC, file))
      }
    }
    walk(SRC)
    expect(callers).toEqual([path.join('services', 'platform', 'modal.ts')])
  })
})
