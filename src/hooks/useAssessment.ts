import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { ZAssessment, type TAssessment } from '@/models/assessment'
import { ASSESSMENT_WRITE_KINDS, assessmentPath, fetchAssessment } from '@/services/assessments'
import { getSession, subscribeSession, userOutbox } from '@/services/session'
import { taroStorage } from '@/services/storage'
import { taroStorageApi } from '@/services/platform/taro'
import { useOutbox } from './useOutbox'
import { overlayOutbox, withAnswer, withoutEvidence, type AssessmentView } from '@/services/assessmentView'

// ─── the device's copy: in memory for the pages of one visit, in storage to resume offline ───────────

const memory = new Map<string, TAssessment>()
const storage = taroStorage(taroStorageApi)
// Signing out leaves nothing of the last user in memory (their stored copies wait for their next login).
subscribeSession((session) => {
  if (!session) memory.clear()
})

function cacheKey(aid: number): string | null {
  const userId = getSession()?.user.id
  return userId ? `u${userId}:assessment:${aid}` : null
}

export function cachedAssessment(aid: number): TAssessment | null {
  const key = cacheKey(aid)
  if (!key) return null
  const hit = memory.get(key)
  if (hit) return hit
  try {
    const raw = storage.get(key)
    if (!raw) return null
    const parsed = ZAssessment.safeParse(JSON.parse(raw))
    if (!parsed.success) return null
    memory.set(key, parsed.data)
    return parsed.data
  } catch {
    return null
  }
}

/** Keeps the copy; `persist` writes it to device storage too (done for copies from the server). */
export function storeAssessment(assessment: TAssessment, persist = true): void {
  const key = cacheKey(assessment.id)
  if (!key) return
  memory.set(key, assessment)
  if (!persist) return
  try {
    storage.set(key, JSON.stringify(assessment))
  } catch {
    // Storage full: the copy in memory still serves this visit.
  }
}

// ─── the hook ───────────────────────────────────────────────────────────────────────────────────

export type AssessmentLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready'
      view: AssessmentView
      refreshing: boolean
      /** Set when the last refresh failed: the page shows the device's copy with this reason. */
      staleReason: string | null
    }

export interface UseAssessment {
  load: AssessmentLoad
  reload: () => Promise<void>
  /** Applies a change the user just made (or the server's answer to a write) to the device's copy. */
  update: (change: (assessment: TAssessment) => TAssessment, persist?: boolean) => void
  syncing: boolean
}

/**
 * GET …/assessments/:aid for a page, shown at once from the device's copy when there is one, refreshed
 * on open, on every show (back from another page) and on reload(); with the outbox's writes for it on top.
 */
export function useAssessment(eid: number | null, aid: number | null): UseAssessment {
  const { entries, syncing } = useOutbox()
  const [data, setData] = useState<TAssessment | null>(() => (aid ? cachedAssessment(aid) : null))
  const [error, setError] = useState<string | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  const dataRef = useRef(data)
  const seq = useRef(0)
  const shownOnce = useRef(false)
  // Deliveries seen while a GET is in flight: its answer may predate them, so they are applied again.
  const delivered = useRef<((a: TAssessment) => TAssessment)[]>([])

  const update = useCallback((change: (a: TAssessment) => TAssessment, persist = false) => {
    const current = dataRef.current
    if (!current) return
    const next = change(current)
    dataRef.current = next
    storeAssessment(next, persist)
    setData(next)
  }, [])

  const reload = useCallback(async () => {
    if (eid === null || aid === null) return
    const mine = ++seq.current
    setRefreshing(true)
    const since = delivered.current.length
    try {
      let fresh = await fetchAssessment(eid, aid)
      if (mine !== seq.current) return
      fresh = delivered.current.slice(since).reduce((acc, patch) => patch(acc), fresh)
      delivered.current = []
      dataRef.current = fresh
      storeAssessment(fresh)
      setData(fresh)
      setError(null)
    } catch (err) {
      if (mine !== seq.current) return
      setError(err instanceof Error && err.message ? err.message : '加载失败，请稍后重试')
      throw err
    } finally {
      if (mine === seq.current) setRefreshing(false)
    }
  }, [eid, aid])

  useEffect(() => {
    reload().catch(() => undefined)
  }, [reload])

  useDidShow(() => {
    if (shownOnce.current) {
      // Another page may have changed the copy meanwhile: show it at once, then ask the server.
      const cached = aid ? cachedAssessment(aid) : null
      if (cached && cached !== dataRef.current) {
        dataRef.current = cached
        setData(cached)
      }
      reload().catch(() => undefined)
    }
    shownOnce.current = true
  })

  // A write delivered from the outbox leaves the overlay: keep its effect in the device's copy.
  useEffect(() => {
    if (eid === null || aid === null) return undefined
    const outbox = userOutbox()
    if (!outbox) return undefined
    const base = `${assessmentPath(eid, aid)}/`
    return outbox.onDelivered(({ entry }) => {
      if (!entry.path.startsWith(base)) return
      let patch: ((a: TAssessment) => TAssessment) | null = null
      if (entry.kind === ASSESSMENT_WRITE_KINDS.answers) {
        const body = entry.body as { answers?: Parameters<typeof withAnswer>[1][] }
        patch = (a) => (body.answers ?? []).reduce((acc, d) => withAnswer(acc, d), a)
      } else if (entry.kind === ASSESSMENT_WRITE_KINDS.evidenceRemove) {
        const fileId = Number(entry.path.slice(entry.path.lastIndexOf('/') + 1))
        patch = (a) => withoutEvidence(a, fileId)
      }
      if (!patch) return
      delivered.current.push(patch)
      update(patch)
    })
  }, [eid, aid, update])

  const view = useMemo(
    () => (data && eid !== null ? overlayOutbox(data, eid, entries) : null),
    [data, eid, entries],
  )

  let load: AssessmentLoad
  if (view) load = { status: 'ready', view, refreshing, staleReason: error }
  else if (error !== null || eid === null || aid === null)
    load = { status: 'error', message: error ?? '链接无效：缺少企业或自查表编号' }
  else load = { status: 'loading' }

  return { load, reload, update, syncing }
}
