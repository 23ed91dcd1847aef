import type { ComponentProps, ReactNode } from 'react'
import { FormField, TextFormField, type FieldLook } from '@/components/FormField'
import { Chips } from '@/components/Chips'

const PARTY_FIELD = 'pt-field'

/** A labelled field of the 三会一课 forms (`required` marks the label with the red asterisk). */
export function PartyField(props: { label: string; required?: boolean; children: ReactNode }) {
  return <FormField block={PARTY_FIELD} {...props} />
}

/** A labelled text of the 三会一课 forms, with its limit (`rows`: a text area). */
export function PartyTextField(props: Omit<ComponentProps<typeof TextFormField>, keyof FieldLook>) {
  return <TextFormField block={PARTY_FIELD} {...props} />
}

/** One value among the 三会一课 forms' chips (meeting type, branch role …). */
export function PartyChips<T extends string | number>(props: {
  options: readonly T[]
  value: T | null
  label: (v: T) => string
  onPick: (v: T) => void
  className?: string
}) {
  return <Chips block="pt-choices" item="pt-choice" {...props} />
}

/** One of the branch's 党小组, by id. */
export function GroupChips({
  groups,
  value,
  onPick,
}: {
  groups: readonly { id: number; name: string }[]
  value: number | null
  onPick: (id: number) => void
}) {
  return (
    <PartyChips
      options={groups.map((g) => g.id)}
      label={(id) => groups.find((g) => g.id === id)?.name ?? ''}
      value={value}
      onPick={onPick}
    />
  )
}
