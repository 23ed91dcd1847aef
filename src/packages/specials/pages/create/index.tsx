import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OWNERSHIP_LABELS, OWNERSHIPS, type TOwnership } from '@/models/org'
import { isOffice, supervisedDepartments } from '@/models/memberships'
import { useMe } from '@/hooks/useMe'
import { SPECIAL_BASES, ZSpecialCreate, type TSpecialBasis } from '@/models/special'
import { maxLengthsOf } from '@/models/textLimit'
import { shanghaiDate, shanghaiDateAfterDays } from '@/models/shanghaiTime'
import { queueSpecialOpen } from '@/services/specials'
import { DayPicker } from '@/components/DayPicker'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useFormSend, withIssues } from '@/hooks/useFormSend'
import { firstPartIn } from '@/hooks/useFieldErrors'
import { FieldError, LabelledField, LabelledText } from '@/components/FormField'
import { Chips } from '@/components/Chips'
import '@/styles/page.scss'
import '../../components/specials.scss'
import { formatDate } from '@/models/format'

const LIMITS = maxLengthsOf(ZSpecialCreate.shape, ['title', 'description'])
/** The fields a problem is shown under ('scope.ownerships': under 范围); any other path by the form. */
const fieldOf = firstPartIn(['title', 'basis', 'description', 'deadline', 'departmentId', 'scope'] as const)

/**
 * 开展专项整治: title, the programme sentence it cites (quoted), requirements, deadline (北京时间) and the
 * ownership kinds in scope: the enterprises of those kinds the caller's department supervises (the
 * office: all of them), fixed when it opens.
 */
export default function SpecialCreatePage() {
  const session = useRequireSession()
  const [title, setTitle] = useState('')
  const [basis, setBasis] = useState<TSpecialBasis>('t13-list')
  const [description, setDescription] = useState('')
  const [deadline, setDeadline] = useState(() => shanghaiDateAfterDays(Date.now(), 30))
  const [ownerships, setOwnerships] = useState<TOwnership[]>([])
  const [picking, setPicking] = useState(false)
  const [departmentId, setDepartmentId] = useState<number | null>(null)
  // A field's message goes once it is edited (`edit`; the next tap on 开展 says anew).
  const { error, errors, clear, edit, busy, sent, send } = useFormSend(fieldOf)
  const { state: me } = useMe(session?.user.id ?? null)
  useUnsavedGuard(!sent && Boolean(title.trim() || description.trim()))
  if (!session) return <View className="page" />
  // A supervisor of several departments names the one it is opened for (the office opens as the office).
  const memberships = me.status === 'ready' ? me.me.memberships : []
  const departments = isOffice(memberships) ? [] : supervisedDepartments(memberships)
  const choosing = departments.length > 1
  const cited = SPECIAL_BASES.find((b) => b.code === basis)!

  const toggle = (o: TOwnership) => {
    setOwnerships(ownerships.includes(o) ? ownerships.filter((x) => x !== o) : [...ownerships, o])
    clear('scope')
  }

  const submit = async () => {
    const own = [
      ...(deadline < shanghaiDate(Date.now())
        ? [{ path: ['deadline'], message: '截止日期不能早于今天' }]
        : []),
      ...(choosing && departmentId === null
        ? [{ path: ['departmentId'], message: '请选择以哪个部门的名义开展' }]
        : []),
    ]
    const checked = ZSpecialCreate.safeParse({
      title,
      basis,
      description,
      deadline,
      scope: { kind: 'ownership', ownerships },
      ...(choosing && departmentId !== null ? { departmentId } : {}),
    })
    await send(withIssues(checked, own), queueSpecialOpen, '已开展')
  }

  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card sp-form">
          <LabelledText
            block="sp-form"
            label="标题"
            error={errors.title}
            value={title}
            limit={LIMITS.title}
            placeholder="如：应收款项清收专项行动"
            onChange={edit('title', setTitle)}
          />
          <Text className="sp-form__label">依据（《县清廉企业建设实施方案》原文）</Text>
          <Chips
            block="sp-chips"
            options={SPECIAL_BASES.map((b) => b.code)}
            value={basis}
            label={(c) => SPECIAL_BASES.find((b) => b.code === c)!.label}
            onPick={edit('basis', setBasis)}
          />
          <Text className="sp-card__quote">“{cited.quote}”</Text>
          <FieldError block="sp-form" text={errors.basis} />
          <LabelledText
            block="sp-form"
            label="工作要求"
            error={errors.description}
            rows={4}
            value={description}
            limit={LIMITS.description}
            onChange={edit('description', setDescription)}
          />
          <View className="sp-form__row" onClick={() => setPicking(true)}>
            <Text className="sp-form__label">填报截止日期</Text>
            <Text>{formatDate(deadline)}</Text>
          </View>
          <FieldError block="sp-form" text={errors.deadline} />
          {choosing ? (
            <LabelledField block="sp-form" label="开展部门" error={errors.departmentId}>
              <Chips
                block="sp-chips"
                options={departments.map((d) => d.id)}
                value={departmentId}
                label={(id) => departments.find((d) => d.id === id)!.name}
                onPick={edit('departmentId', setDepartmentId)}
              />
            </LabelledField>
          ) : null}
          <Text className="sp-form__label">范围（企业性质，开展时确定名单）</Text>
          <View className="sp-chips">
            {OWNERSHIPS.map((o) => (
              <Text
                key={o}
                className={`sp-chips__item${ownerships.includes(o) ? ' sp-chips__item--active' : ''}`}
                onClick={() => toggle(o)}
              >
                {OWNERSHIP_LABELS[o]}
              </Text>
            ))}
          </View>
          <FieldError block="sp-form" text={errors.scope} />
          <Text className="sp-form__hint">监管部门：本部门监管的企业；领导小组办公室：全县企业。</Text>
          {error ? <Text className="sp-form__error">{error}</Text> : null}
          <Button type="primary" block loading={busy} onClick={() => void submit()}>
            开展
          </Button>
        </View>
      </View>
      <DayPicker
        visible={picking}
        title="填报截止日期"
        value={deadline}
        onPick={edit('deadline', setDeadline)}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
