import { getSession } from '@/services/session'
import { taroStorage } from '@/services/storage'
import { taroStorageApi } from '@/services/platform/taro'

/**
 * Where the user is in one assessment's items (自查作答), kept on the device per user and assessment.
 *
 * 下一项 / 上一项 change the item inside the same page, so the page's query (what WeChat restores after
 * killing the mini-program, what the overview opened) is not where the user is. The place is:
 * - `code`: the item shown last;
 * - `entry`: the item the page was opened with (its query's `code`, '' for none);
 * - `open`: the page is still open. Leaving it (返回, 提交前检查) or showing the overview closes it; a
 *   mini-program killed in the background or a reloaded browser tab never does, and that is how a
 *   page reopened with the same query is told apart from one opened anew.
 */
export interface ItemPlace {
  code: string
  entry: string
  open: boolean
}

const storage = taroStorage(taroStorageApi)

function placeKey(aid: number): string | null {
  const userId = getSession()?.user.id
  return userId ? `u${userId}:assessment:${aid}:place` : null
}

export function readPlace(aid: number): ItemPlace | null {
  const key = placeKey(aid)
  if (!key) return null
  try {
    const raw = storage.get(key)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    if (!parsed || typeof parsed !== 'object') return null
    const { code, entry, open } = parsed as Record<string, unknown>
    if (typeof code !== 'string' || !code || typeof entry !== 'string' || typeof open !== 'boolean')
      return null
    return { code, entry, open }
  } catch {
    return null
  }
}

function writePlace(aid: number, place: ItemPlace): void {
  const key = placeKey(aid)
  if (!key) return
  try {
    storage.set(key, JSON.stringify(place))
  } catch {
    // Storage full or refused: the page still shows the item, only a restart loses it.
  }
}

/** The page shows `code`, having been opened with `entry` ('' for none). */
export function notePlace(aid: number, code: string, entry: string): void {
  const previous = readPlace(aid)
  if (previous && previous.code === code && previous.entry === entry && previous.open) return
  writePlace(aid, { code, entry, open: true })
}

/** The page was left (or another page of the assessment shows): the item is kept for 继续作答. */
export function closePlace(aid: number): void {
  const previous = readPlace(aid)
  if (previous?.open) writePlace(aid, { ...previous, open: false })
}

export interface StartingItem {
  code: string
  /** Taken from the device's memory of the last visit: the page says so (继续上次：第 N 项). */
  resumed: boolean
}

/**
 * The item a page opened with `query` (its `code`, or null) shows first:
 * - opened without an item (开始作答 / 继续作答): the item the user was on last time, else the first
 *   unanswered one;
 * - reopened with the query it had while it was still open (a mini-program WeChat restored, which
 *   keeps the page's original query): the item the user was on;
 * - otherwise the item asked for (去修改, a section of the overview, a problem of 提交前检查), as the
 *   user tapped it; one that does not apply falls back to the first unanswered one.
 */
export function startingItem(
  items: readonly { code: string }[],
  firstUnanswered: string | null,
  query: string | null,
  place: ItemPlace | null,
): StartingItem | null {
  const applies = (code: string | null | undefined): code is string =>
    Boolean(code) && items.some((i) => i.code === code)
  const reopened = place !== null && place.open && place.entry === (query ?? '')
  if (place && applies(place.code) && (query === null || reopened))
    return { code: place.code, resumed: place.code !== query }
  if (applies(query)) return { code: query, resumed: false }
  const first = firstUnanswered ?? items[0]?.code ?? null
  return first ? { code: first, resumed: false } : null
}
