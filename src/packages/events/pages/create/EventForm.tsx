import { useState, type ComponentProps, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { goBack, openCreated } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import {
  EVENT_KINDS,
  EVENT_KIND_INFO,
  eventTimeProblems,
  ZEnterpriseEventCreate,
  ZEvent,
  ZPlace,
  type TEvent,
  type TEventKind,
} from '@/models/event'
import {
  EVENT_TIME_FIELDS,
  eventEditProblems,
  lockedEventTimes,
  type EventTimeField,
} from '@/models/eventEdit'
import { fetchVisibleEnterprises, queueCreateEvent, queueUpdateEvent } from '@/services/events'
import { platformLocation } from '@/services/platform/location'
import { userOutbox } from '@/services/session'
import { EmptyBox } from '@/components/EmptyImage'
import { formatDateTime } from '@/models/format'
import { DateTimePicker } from '@/components/DateTimePicker'
import { ErrorState, LoadingState } from '@/components/PageState'
import type { EventOrganiserOption } from '@/models/memberships'
import { eventPages } from '@/services/routes'
import { useRemote } from '@/hooks/useRemote'
import { useWrite } from '@/hooks/useWrite'
import { maxLengthOf, overLimitProblems } from '@/models/textLimit'
import { FormField, TextFormField, type FieldLook } from '@/components/FormField'
import { Chips } from '@/components/Chips'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { AudiencePicker } from '../../components/AudiencePicker'
import { initialTimes, isoTimes, moveTime, TIME_LABELS, type Times } from './times'
import { useBusy } from '@/hooks/useBusy'

const LIMITS = {
  title: maxLengthOf(ZEnterpriseEventCreate.in.shape.title),
  description: maxLengthOf(ZEnterpriseEventCreate.in.shape.description),
  placeName: maxLengthOf(ZPlace.shape.name),
}

type TimeField = EventTimeField

const toastLocked = (message: string) => Taro.showToast({ title: message, icon: 'none', duration: 2500 })

/** A labelled field of the form. */
/** The event form's field look: its label shares the class of the time rows' labels. */
const FIELD_LOOK: FieldLook = { block: 'ev-create__field', labelClass: 'ev-create__label' }

function Field(props: { label: string; children: ReactNode }) {
  return <FormField {...FIELD_LOOK} {...props} />
}

function EventTextField(props: Omit<ComponentProps<typeof TextFormField>, keyof FieldLook>) {
  return <TextFormField {...FIELD_LOOK} {...props} />
}

function OrganiserChooser({
  options,
  value,
  onChange,
}: {
  options: EventOrganiserOption[]
  value: EventOrganiserOption
  onChange: (o: EventOrganiserOption) => void
}) {
  if (options.length < 2) return null
  const keyOf = (o: EventOrganiserOption) => `${o.kind}:${o.id}`
  const byKey = new Map(options.map((o) => [keyOf(o), o]))
  return (
    <Field label="组织单位">
      <Chips
        block="ev-create__choices"
        item="ev-create__choice"
        options={[...byKey.keys()]}
        value={keyOf(value)}
        label={(k) => byKey.get(k)!.name}
        onPick={(k) => onChange(byKey.get(k)!)}
      />
    </Field>
  )
}

export interface EventFormProps {
  /** 发起活动: the organisations the user may organise for (the first is chosen). */
  options: EventOrganiserOption[]
  /** 修改活动: the event, its fields prefilled; its organiser and audience stay. */
  event?: TEvent
}

/**
 * 发起活动 / 修改活动: an enterprise's 联络员 / 支部书记 (audience: the enterprise) or a department's 监管员 (a
 * county event for the enterprises it chooses). Times default to the next hour for two hours, sign-in from
 * 30 minutes before; a place with a radius is optional. In an edit, a time that has begun is shown but not
 * changed (lockedEventTimes), and the times are checked by the same rule as the server's. Sent through the
 * outbox with one idempotency key.
 */
export function EventForm({ options, event }: EventFormProps) {
  const write = useWrite()
  const [chosen, setChosen] = useState<EventOrganiserOption | null>(null)
  const organiser: EventOrganiserOption | null = event
    ? { kind: event.organiser.kind, id: event.organiser.id, name: event.organiser.name }
    : (chosen ?? options[0] ?? null)
  const county = organiser?.kind === 'department'

  const [kind, setKind] = useState<TEventKind>(event?.kind ?? 'warning_education')
  const [title, setTitle] = useState(event?.title ?? '')
  const [description, setDescription] = useState(event?.description ?? '')
  const [times, setTimes] = useState<Times>(() => initialTimes(event))
  // What has begun when the form opens stays as it is (the server checks again at its own time).
  const [locked] = useState(() => (event ? lockedEventTimes(event, Date.now()) : {}))
  const [editing, setEditing] = useState<TimeField | null>(null)
  const [withPlace, setWithPlace] = useState(Boolean(event?.place))
  const [placeName, setPlaceName] = useState(event?.place?.name ?? '')
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(
    event?.place ? { lat: event.place.lat, lng: event.place.lng } : null,
  )
  const [radius, setRadius] = useState(String(event?.place?.radiusM ?? 300))
  const [locating, setLocating] = useState(false)
  const [audience, setAudience] = useState<number[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  const [saved, setSaved] = useState(false)
  useUnsavedGuard(
    !saved &&
      (title !== (event?.title ?? '') ||
        description !== (event?.description ?? '') ||
        placeName !== (event?.place?.name ?? '')),
  )

  const enterprises = useRemote(
    county && organiser && !event ? `enterprises-for:${organiser.id}` : null,
    () => fetchVisibleEnterprises(),
  )
  const supervised =
    county && organiser && enterprises.state.status === 'ready'
      ? organiser.office
        ? enterprises.state.data
        : enterprises.state.data.filter((e) => e.supervisingDepartmentIds.includes(organiser.id))
      : []

  const setTime = (field: TimeField, value: Date) => setTimes((t) => moveTime(t, field, value, locked))

  const locate = async () => {
    setLocating(true)
    try {
      const loc = await platformLocation.locate()
      if (loc) setPosition({ lat: loc.lat, lng: loc.lng })
      else void Taro.showToast({ title: '未能获取位置，请检查定位权限', icon: 'none' })
    } finally {
      setLocating(false)
    }
  }

  /** The form's own checks, in words (the times by the server's own rule); the server checks again. */
  const problem = (): string | null => {
    const [tooLong] = overLimitProblems([
      ['活动名称', title, LIMITS.title],
      ['活动说明', description, LIMITS.description],
      ['地点名称', withPlace ? placeName : '', LIMITS.placeName],
    ])
    if (tooLong) return tooLong
    if (title.trim().length < 2) return '请填写活动名称（至少2个字）'
    const timeProblems = event
      ? eventEditProblems(event, isoTimes(times), Date.now())
      : eventTimeProblems(isoTimes(times))
    if (timeProblems.length) return timeProblems[0].message
    if (withPlace) {
      if (!position) return '请先获取活动地点的位置'
      const r = Number(radius)
      if (!Number.isInteger(r) || r < 20 || r > 5000) return '签到范围半径应为20至5000米的整数'
    }
    if (county && !event && audience.length === 0) return '请选择参加活动的企业'
    return null
  }

  const submit = async () => {
    const outbox = userOutbox()
    if (!organiser || !outbox || busy) return
    const why = problem()
    setError(why)
    if (why) return
    const common = {
      kind,
      title: title.trim(),
      description: description.trim() || null,
      ...isoTimes(times),
      place:
        withPlace && position
          ? { name: placeName.trim() || null, lat: position.lat, lng: position.lng, radiusM: Number(radius) }
          : null,
    }
    await whileBusy(async () => {
      if (event) {
        const outcome = await write(queueUpdateEvent(event.id, common), {
          done: '活动已修改',
          onRefused: setError,
        })
        if (outcome.kind === 'refused') return
        setSaved(true)
        void goBack()
        return
      }
      const entry =
        organiser.kind === 'enterprise'
          ? queueCreateEvent({ organiser: { kind: 'enterprise', id: organiser.id }, body: common })
          : queueCreateEvent({
              organiser: { kind: 'department', id: organiser.id },
              body: { ...common, audienceEnterpriseIds: audience },
            })
      const outcome = await write(entry, { done: '活动已发起', onRefused: setError })
      if (outcome.kind === 'refused') return
      setSaved(true)
      void openCreated(outcome, ZEvent, eventPages.detail)
    })
  }

  if (!organiser)
    return (
      <View className="page">
        <EmptyBox
          className="page__body"
          title="无法发起活动"
          description="只有企业联络员、支部书记或监管部门人员可以发起活动"
        />
      </View>
    )

  const kindInfo = EVENT_KIND_INFO[kind]
  return (
    <View className="page ev-create">
      <View className="page__body">
        <View className="a-card">
          {event ? null : <OrganiserChooser options={options} value={organiser} onChange={setChosen} />}
          {event || options.length < 2 ? (
            <Text className="a-card__subtitle">组织单位：{organiser.name}</Text>
          ) : null}

          <Field label="活动类型">
            <Chips
              block="ev-create__choices"
              item="ev-create__choice"
              className="ev-create__kinds"
              options={EVENT_KINDS}
              value={kind}
              label={(k) => EVENT_KIND_INFO[k].label}
              onPick={setKind}
            />
            <Text className="ev-create__hint">
              依据：实施方案任务{kindInfo.task}“{kindInfo.quote}”
            </Text>
          </Field>

          <EventTextField
            label="活动名称"
            className="ev-create__input ev-create__title"
            value={title}
            limit={LIMITS.title}
            placeholder="如：身边人身边事警示教育大会"
            onChange={setTitle}
          />

          <EventTextField
            label="活动说明（选填）"
            rows={3}
            className="ev-create__textarea"
            value={description}
            limit={LIMITS.description}
            placeholder="内容、地点、参加要求等"
            onChange={setDescription}
          />
        </View>

        <View className="a-card">
          {EVENT_TIME_FIELDS.map((f) => (
            <View
              key={f}
              className={`ev-create__row ev-create__time-${f}${locked[f] ? ' ev-create__row--locked' : ''}`}
              onClick={() => (locked[f] ? void toastLocked(locked[f]) : setEditing(f))}
            >
              <Text className="ev-create__label">{TIME_LABELS[f]}</Text>
              <Text className="ev-create__value">{formatDateTime(times[f].toISOString())}</Text>
            </View>
          ))}
          {event ? (
            EVENT_TIME_FIELDS.filter((f) => locked[f]).map((f) => (
              <Text key={f} className="ev-create__hint ev-create__locked">
                {locked[f]}
              </Text>
            ))
          ) : (
            <Text className="ev-create__hint">签到时间默认为活动开始前30分钟至活动结束。</Text>
          )}
        </View>

        <View className="a-card">
          <View className="ev-create__row">
            <Text className="ev-create__label">限定签到地点</Text>
            <Switch checked={withPlace} onChange={(v) => setWithPlace(v)} />
          </View>
          {withPlace ? (
            <>
              <EventTextField
                label="地点名称"
                className="ev-create__input"
                value={placeName}
                limit={LIMITS.placeName}
                placeholder="如：公司三楼会议室"
                onChange={setPlaceName}
              />
              <View className="ev-create__row">
                <Text className="ev-create__value">
                  {position
                    ? `已定位 ${position.lat.toFixed(5)}, ${position.lng.toFixed(5)}`
                    : '请在活动现场获取位置'}
                </Text>
                <Button size="small" fill="outline" loading={locating} onClick={() => void locate()}>
                  {position ? '重新定位' : '获取当前位置'}
                </Button>
              </View>
              <Field label="签到范围（米）">
                <Input className="ev-create__input" type="number" value={radius} onChange={setRadius} />
              </Field>
              <Text className="ev-create__hint">签到时将请求参加人员的位置，超出范围的签到不被接受。</Text>
            </>
          ) : (
            <Text className="ev-create__hint">不限地点：凭现场滚动二维码签到。</Text>
          )}
        </View>

        {event ? (
          <Text className="ev-create__hint ev-create__note">
            参加对象：{event.audience.map((a) => a.name).join('、')}（不在此修改）。
          </Text>
        ) : county ? (
          <View className="a-card ev-create__audience">
            {enterprises.state.status === 'loading' ? <LoadingState rows={1} /> : null}
            {enterprises.state.status === 'error' ? (
              <ErrorState
                message={enterprises.state.message}
                onRetry={() => void enterprises.reload().catch(() => undefined)}
              />
            ) : null}
            {enterprises.state.status === 'ready' && supervised.length === 0 ? (
              <Text className="ev-create__hint">本部门暂无监管企业</Text>
            ) : null}
            {supervised.length ? (
              <AudiencePicker options={supervised} value={audience} onChange={setAudience} />
            ) : null}
          </View>
        ) : (
          <Text className="ev-create__hint ev-create__note">
            参加对象：{organiser.name}全体已加入的职工。
          </Text>
        )}

        {error ? <Text className="ev-create__error">{error}</Text> : null}
        <View className="ev-actions">
          <Button
            className="ev-create__submit"
            type="primary"
            block
            loading={busy}
            onClick={() => void submit()}
          >
            {event ? '保存修改' : '发起活动'}
          </Button>
        </View>
      </View>

      <DateTimePicker
        visible={editing !== null}
        title={editing ? TIME_LABELS[editing] : ''}
        value={editing ? times[editing] : undefined}
        yearsBack={1}
        yearsAhead={2}
        onPick={(instant) => {
          if (editing) setTime(editing, instant)
        }}
        onClose={() => setEditing(null)}
      />
    </View>
  )
}
