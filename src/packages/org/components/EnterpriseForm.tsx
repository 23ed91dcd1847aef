import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, SearchBar } from '@nutui/nutui-react-taro'
import { matchingByName } from '@/models/manyChoice'
import {
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  PARTY_ORGS,
  PARTY_ORG_LABELS,
  ZEnterpriseCreate,
  type TDepartment,
} from '@/models/org'
import { maxLengthOf } from '@/models/textLimit'
import { Chips } from '@/components/Chips'
import { TextField } from '@/components/TextField'
import type { RemoteState } from '@/hooks/useRemote'
import {
  creditCodeState,
  type EnterpriseDraft,
  type EnterpriseField,
  type FieldErrors,
} from './enterpriseDraft'

const NAME_LIMIT = maxLengthOf(ZEnterpriseCreate.shape.name)
const INDUSTRY_LIMIT = maxLengthOf(ZEnterpriseCreate.shape.industry)
/** Up to this many departments are read at a glance; a county's ~18 get a search box (as 参加企业's). */
const DEPARTMENTS_AT_A_GLANCE = 8

export interface EnterpriseFormProps {
  draft: EnterpriseDraft
  errors: FieldErrors
  /** A refusal that names no field (e.g. no longer the office). */
  formError: string | null
  departments: RemoteState<TDepartment[]>
  busy: boolean
  onChange: (patch: Partial<EnterpriseDraft>) => void
  onSubmit: () => void
  onReloadDepartments: () => void
}

/** A field's label, and its message under it while it stands. */
function Field(props: { label: string; error?: string; className: string; children: React.ReactNode }) {
  return (
    <View className={`ent-form__field ${props.className}${props.error ? ' ent-form__field--error' : ''}`}>
      <Text className="ent-form__label">{props.label}</Text>
      {props.children}
      {props.error ? <Text className="ent-form__error">{props.error}</Text> : null}
    </View>
  )
}

/** One kind among chips, as the office's other choosers look (监管部门's ownership kinds). */
function Choice<T extends string>(props: {
  options: readonly T[]
  value: T | null
  label: (v: T) => string
  onPick: (v: T) => void
}) {
  return <Chips block="org-roles" className="org-roles--wrap" {...props} />
}

/**
 * 登记企业's fields: 企业名称, 统一社会信用代码 (checked as typed), 所有制, 党组织, 行业 (选填) and the
 * departments that supervise it (the county's departments in service, several or none).
 */
export function EnterpriseForm(props: EnterpriseFormProps) {
  const { draft, errors, departments } = props
  // The code's check once the field was left (short then counts as a problem, not as "still typing").
  const [left, setLeft] = useState(false)
  const code = creditCodeState(draft.creditCode, left)
  // A refusal of the server (already registered) stands until the code changes.
  const codeError = errors.creditCode ?? (code.tone === 'error' ? code.text : undefined)
  const set = (field: EnterpriseField) => (value: string) => props.onChange({ [field]: value })
  const chosen = new Set(draft.supervisingDepartmentIds)
  const toggle = (id: number, on: boolean) =>
    props.onChange({
      supervisingDepartmentIds: on
        ? [...draft.supervisingDepartmentIds, id]
        : draft.supervisingDepartmentIds.filter((x) => x !== id),
    })

  return (
    <View className="a-card ent-form">
      <Field label="企业名称" error={errors.name} className="ent-name">
        <TextField
          value={draft.name}
          limit={NAME_LIMIT}
          placeholder="营业执照上的名称"
          onChange={set('name')}
        />
      </Field>
      <Field label="统一社会信用代码" error={codeError} className="ent-code">
        <TextField
          value={draft.creditCode}
          limit={18}
          placeholder="18位，营业执照上可查"
          onChange={(v) => {
            setLeft(false)
            set('creditCode')(v)
          }}
          onBlur={() => setLeft(true)}
        />
        {!codeError && (code.tone === 'ok' || code.tone === 'pending') ? (
          <Text className={`ent-form__hint ent-form__hint--${code.tone}`}>{code.text}</Text>
        ) : null}
      </Field>
      <Field label="所有制" error={errors.ownership} className="ent-ownership">
        <Choice
          options={OWNERSHIPS}
          value={draft.ownership}
          label={(o) => OWNERSHIP_LABELS[o]}
          onPick={(ownership) => props.onChange({ ownership })}
        />
      </Field>
      <Field label="党组织" error={errors.partyOrg} className="ent-party">
        <Choice
          options={PARTY_ORGS}
          value={draft.partyOrg}
          label={(p) => PARTY_ORG_LABELS[p]}
          onPick={(partyOrg) => props.onChange({ partyOrg })}
        />
      </Field>
      <Field label="行业（选填）" error={errors.industry} className="ent-industry">
        <TextField
          value={draft.industry}
          limit={INDUSTRY_LIMIT}
          placeholder="如：食品加工"
          onChange={set('industry')}
        />
      </Field>
      <Field
        label="监管部门（可多选，可稍后关联）"
        error={errors.supervisingDepartmentIds}
        className="ent-departments"
      >
        {departments.status === 'loading' ? <Text className="ent-form__hint">正在加载监管部门…</Text> : null}
        {departments.status === 'error' ? (
          <Text className="ent-form__hint ent-form__retry" onClick={props.onReloadDepartments}>
            {`${departments.message}，点此重试`}
          </Text>
        ) : null}
        {departments.status === 'ready' && departments.data.length === 0 ? (
          <Text className="ent-form__hint">还没有监管部门：可先登记，在「监管部门」新建后再关联。</Text>
        ) : null}
        {departments.status === 'ready' ? (
          <DepartmentChoice options={departments.data} chosen={chosen} onToggle={toggle} />
        ) : null}
      </Field>
      {props.formError ? <Text className="ent-form__error">{props.formError}</Text> : null}
      <Button type="primary" block loading={props.busy} onClick={props.onSubmit}>
        登记
      </Button>
    </View>
  )
}

/**
 * The departments to tick: a long list (a county has ~18) narrows as a name is typed, on the device, and
 * says which are chosen, since a search can hide them.
 */
function DepartmentChoice(props: {
  options: readonly TDepartment[]
  chosen: ReadonlySet<number>
  onToggle: (id: number, on: boolean) => void
}) {
  const { options, chosen } = props
  const [typed, setTyped] = useState('')
  const tools = options.length > DEPARTMENTS_AT_A_GLANCE
  const shown = tools ? matchingByName(options, typed) : options
  const words = typed.trim()
  const picked = options.filter((d) => chosen.has(d.id))
  return (
    <>
      {tools ? (
        <>
          {/* Its clear button reports '' through onChange too. */}
          <SearchBar
            className="ent-form__search"
            value={typed}
            placeholder="搜索部门名称"
            onChange={setTyped}
          />
          <Text className="ent-form__hint ent-form__chosen">
            {picked.length ? `已选 ${picked.length} 个：${picked.map((d) => d.name).join('、')}` : '尚未选择'}
          </Text>
        </>
      ) : null}
      {tools && shown.length === 0 ? (
        <Text className="ent-form__hint">{`没有名称含“${words}”的部门`}</Text>
      ) : null}
      {shown.map((d) => (
        <Checkbox
          key={d.id}
          className="ent-form__department"
          label={d.name}
          checked={chosen.has(d.id)}
          onChange={(on) => props.onToggle(d.id, on)}
        />
      ))}
    </>
  )
}
