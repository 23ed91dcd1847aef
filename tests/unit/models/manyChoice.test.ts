import { allChosen, matchingByName, toggleAllShown } from '@/models/manyChoice'

const OPTIONS = [
  { id: 1, name: '县恒达食品有限公司' },
  { id: 2, name: '县宏远建材有限公司' },
  { id: 3, name: '县恒达物流有限公司' },
  { id: 4, name: 'ABC Trading 有限公司' },
]

describe('matchingByName', () => {
  it('keeps the options holding every word, in the list’s order; no words: all', () => {
    expect(matchingByName(OPTIONS, '恒达').map((o) => o.id)).toEqual([1, 3])
    expect(matchingByName(OPTIONS, '恒达　物流').map((o) => o.id)).toEqual([3])
    expect(matchingByName(OPTIONS, ' trading ').map((o) => o.id)).toEqual([4])
    expect(matchingByName(OPTIONS, '  ')).toEqual(OPTIONS)
    expect(matchingByName(OPTIONS, '不存在')).toEqual([])
  })
})

describe('toggleAllShown (全选筛选结果)', () => {
  it('adds what the filter shows and leaves the rest as it was', () => {
    expect(toggleAllShown([2], matchingByName(OPTIONS, '恒达'))).toEqual([2, 1, 3])
    expect(toggleAllShown([3], matchingByName(OPTIONS, '恒达'))).toEqual([3, 1])
  })

  it('takes them out when all of them were chosen already', () => {
    expect(toggleAllShown([1, 2, 3], matchingByName(OPTIONS, '恒达'))).toEqual([2])
    expect(allChosen(new Set([1, 3]), matchingByName(OPTIONS, '恒达'))).toBe(true)
    expect(allChosen(new Set([1, 3]), [])).toBe(false)
  })
})
