import { useEffect, useState } from 'react'
import type { EnterpriseAccess } from '@/models/memberships'
import { SOE_LEADER_OWNERSHIPS } from '@/models/orgLabels'
import { fetchEnterpriseOwnership } from '@/services/api'

/** Ownership by enterprise id, read once per launch (it changes only by the office's hand). */
const known = new Map<number, string>()

/**
 * The enterprises of `enterprises` whose “一把手”权力清单 this user keeps: a 国企 (国有独资, 国有控股:
 * SOE_LEADER_OWNERSHIPS) where the user is liaison or head. The ownership is one small read per
 * enterprise; a failed read leaves the entry out until the next show (the server decides anyway).
 */
export function useSoeKept(enterprises: readonly EnterpriseAccess[]): number[] {
  const kept = enterprises
    .filter((e) => e.roles.includes('liaison') || e.roles.includes('head'))
    .map((e) => e.id)
  const key = kept.join(',')
  const soe = (ids: number[]) =>
    ids.filter((id) => (SOE_LEADER_OWNERSHIPS as readonly string[]).includes(known.get(id) ?? ''))
  const [ids, setIds] = useState<number[]>(() => soe(kept))
  useEffect(() => {
    const ids = key ? key.split(',').map(Number) : []
    let live = true
    void Promise.all(
      ids
        .filter((id) => !known.has(id))
        .map((id) =>
          fetchEnterpriseOwnership(id).then(
            (o) => void known.set(id, o),
            () => undefined,
          ),
        ),
    ).then(() => {
      if (live) setIds(soe(ids))
    })
    return () => {
      live = false
    }
  }, [key])
  return ids
}
