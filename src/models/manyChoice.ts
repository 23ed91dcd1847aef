// No zod here: pure helpers for choosing many from a long list (发起活动's 参加企业 over a county's
// ~2,000 enterprises).

export interface NamedOption {
  id: number
  name: string
}

/** The words of a search box: split on spaces (half- or full-width), case ignored. */
function wordsOf(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s\u3000]+/)
    .filter(Boolean)
}

/** The options whose name holds every word of `query`, in the list's order; all of them for no words. */
export function matchingByName<T extends NamedOption>(options: readonly T[], query: string): T[] {
  const words = wordsOf(query)
  if (words.length === 0) return [...options]
  return options.filter((o) => {
    const name = o.name.toLowerCase()
    return words.every((w) => name.includes(w))
  })
}

/** Is every one of `shown` chosen (and is there at least one)? */
export function allChosen(chosen: ReadonlySet<number>, shown: readonly NamedOption[]): boolean {
  return shown.length > 0 && shown.every((o) => chosen.has(o.id))
}

/**
 * 全选 over what a filter shows: adds every one of `shown` to `chosen`, or, when all of them were chosen
 * already, takes them all out. What the filter hides stays as it was. Keeps the order of choosing.
 */
export function toggleAllShown(chosen: readonly number[], shown: readonly NamedOption[]): number[] {
  const set = new Set(chosen)
  if (allChosen(set, shown)) {
    const hidden = new Set(shown.map((o) => o.id))
    return chosen.filter((id) => !hidden.has(id))
  }
  return [...chosen, ...shown.filter((o) => !set.has(o.id)).map((o) => o.id)]
}
