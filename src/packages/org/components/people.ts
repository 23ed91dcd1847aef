import type { TMember, TRole } from '@/models/org'

/** One person of an organisation with every membership they hold there (approved ones). */
export interface Person {
  userId: number
  name: string
  phoneMasked: string | null
  disabled: boolean
  memberships: TMember[]
}

/** The approved memberships grouped by person, in the order they first appear. */
export function groupPeople(members: TMember[]): Person[] {
  const people = new Map<number, Person>()
  for (const m of members) {
    if (m.status !== 'approved') continue
    const person = people.get(m.userId) ?? {
      userId: m.userId,
      name: m.name,
      phoneMasked: m.phoneMasked,
      disabled: m.disabled,
      memberships: [],
    }
    person.memberships.push(m)
    people.set(m.userId, person)
  }
  return [...people.values()]
}

/** The roles a membership may change to: the organisation's roles the person does not hold yet. */
export function otherRoles<R extends TRole>(person: Person, roles: readonly R[]): R[] {
  const held = new Set(person.memberships.map((m) => m.role))
  return roles.filter((r) => !held.has(r))
}
