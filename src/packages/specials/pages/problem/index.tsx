import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import {
  SPECIAL_PROBLEM_STATUS_LABELS,
  ZSpecialProblemCreate,
  ZSpecialProblemUpdate,
  type TSpecialProblem,
  type TSpecialProblemStatus,
} from '@/models/special'
import { maxLengthsOf } from '@/models/textLimit'
import { formatDateTime } from '@/models/format'
import { shanghaiDateAfterDays } from '@/models/shanghaiTime'
import { fetchSheet, queueProblemCreate, queueProblemUpdate } from '@/services/specials'
import { idParam } from '@/services/routes'
import { DayPicker } from '@/components/DayPicker'
import { FieldError, LabelledText } from '@/components/FormField'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useFormSend } from '@/hooks/useFormSend'
import { firstPartIn } from '@/hooks/useFieldErrors'
import { Chips } from '@/components/Chips'
import { FormSubmit } from '@/components/FormSubmit'
import { keepsRegistersOf } from '@/models/memberships'
import '@/styles/page.scss'
import '../../components/specials.scss'
import { formatDate } from '@/models/format'

const LIMITS = maxLengthsOf(ZSpecialProblemCreate.shape, ['problem', 'measure', 'owner', 'note'])
const STATUSES = ['in_progress', 'done'] as const
/** The fields a problem is shown under; any other (the version …) by the form. */
const fieldOf = firstPartIn(['problem', 'measure', 'owner', 'plannedDate', 'status', 'note'] as const)
const HISTORY_LABELS = { created: '填报', edited: '修改', note: '进展' } as const

/** 突出问题: new (no `pid`), or one problem with its progress history; its keepers edit and add a note. */
export default function SpecialProblemPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const sid = idParam(params.sid)
  const pid = idParam(params.pid)
  const issuer = params.issuer === '1'
  const { state: me } = useMe(session?.user.id ?? null)
  const [problem, setProblem] = useState('')
  const [measure, setMeasure] = useState('')
  const [owner, setOwner] = useState('')
  const [plannedDate, setPlannedDate] = useState(() => shanghaiDateAfterDays(Date.now(), 30))
  const [status, setStatus] = useState<TSpecialProblemStatus>('in_progress')
  const [note, setNote] = useState('')
  const [loaded, setLoaded] = useState<TSpecialProblem | null>(null)
  const [closed, setClosed] = useState(false)
  const [loading, setLoading] = useState(Boolean(pid))
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loads, setLoads] = useState(0)
  const [picking, setPicking] = useState(false)
  // Each problem under its field (`edit` takes it away as the field changes), the rest by the form.
  const { error, errors, edit, busy, sent, send } = useFormSend(fieldOf)
  useUnsavedGuard(!sent && Boolean(note.trim() || (!pid && problem.trim())))

  useEffect(() => {
    if (!session || !eid || !sid) return
    fetchSheet(eid, sid, issuer)
      .then((sheet) => {
        setClosed(sheet.special.status === 'closed')
        const p = pid ? sheet.problems.find((x) => x.id === pid) : undefined
        if (pid && !p) throw new Error('没有找到该问题')
        if (!p) {
          // A new problem is planned to be done by the 专项整治's own deadline at the latest.
          const deadline = sheet.special.deadline
          const today = shanghaiDateAfterDays(Date.now(), 0)
          setPlannedDate((d) => (deadline >= today && deadline < d ? deadline : d))
          return
        }
        setLoaded(p)
        setProblem(p.problem)
        setMeasure(p.measure)
        setOwner(p.owner)
        setPlannedDate(p.plannedDate)
        setStatus(p.status)
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '加载失败'))
      .finally(() => setLoading(false))
  }, [session, eid, sid, pid, issuer, loads])

  if (!session) return <View className="page" />
  if (!eid || !sid) return <InvalidLink message="页面链接不完整" />
  // Not the blank form to 填报 a new problem when the sheet (or this problem) could not be read.
  if (loadError)
    return (
      <ErrorState
        message={loadError}
        onRetry={() => {
          setLoadError(null)
          setLoading(Boolean(pid))
          setLoads((n) => n + 1)
        }}
      />
    )
  // Who may write is known once 我的 is here: until then neither the form nor 只读.
  if (loading || me.status === 'loading') return <LoadingState />
  const keeper = !issuer && !closed && me.status === 'ready' && keepsRegistersOf(me.me.memberships, eid)

  const submit = async () => {
    const fields = { problem, measure, owner, plannedDate, note: note.trim() ? note : undefined }
    const checked = loaded
      ? ZSpecialProblemUpdate.safeParse({ ...fields, status, version: loaded.version })
      : ZSpecialProblemCreate.safeParse(fields)
    await send(
      checked,
      (data) =>
        loaded && pid
          ? queueProblemUpdate(eid, sid, pid, ZSpecialProblemUpdate.parse(data))
          : queueProblemCreate(eid, sid, ZSpecialProblemCreate.parse(data)),
      loaded ? '已保存' : '已填报',
    )
  }

  return (
    <View className="page">
      <View className="page__body">
        {keeper ? (
          <View className="a-card sp-form">
            <LabelledText
              block="sp-form"
              label="突出问题"
              error={errors.problem}
              rows={3}
              value={problem}
              limit={LIMITS.problem}
              onChange={edit('problem', setProblem)}
            />
            <LabelledText
              block="sp-form"
              label="整改措施"
              error={errors.measure}
              rows={3}
              value={measure}
              limit={LIMITS.measure}
              onChange={edit('measure', setMeasure)}
            />
            <LabelledText
              block="sp-form"
              label="责任人"
              error={errors.owner}
              value={owner}
              limit={LIMITS.owner}
              placeholder="姓名或岗位"
              onChange={edit('owner', setOwner)}
            />
            <View className="sp-form__row sp-planned" onClick={() => setPicking(true)}>
              <Text className="sp-form__label">计划完成日期</Text>
              <Text>{formatDate(plannedDate)}</Text>
            </View>
            <FieldError block="sp-form" text={errors.plannedDate} />
            {loaded ? (
              <>
                <Text className="sp-form__label">状态</Text>
                <Chips
                  block="sp-chips"
                  options={STATUSES}
                  value={status}
                  label={(s) => SPECIAL_PROBLEM_STATUS_LABELS[s]}
                  onPick={edit('status', setStatus)}
                />
                <FieldError block="sp-form" text={errors.status} />
              </>
            ) : null}
            <LabelledText
              block="sp-form"
              label="进展情况（记入历史）"
              error={errors.note}
              rows={2}
              value={note}
              limit={LIMITS.note}
              onChange={edit('note', setNote)}
            />
            <FormSubmit block="sp-form" error={error} busy={busy} onSubmit={submit}>
              {loaded ? '保存' : '填报'}
            </FormSubmit>
          </View>
        ) : loaded ? (
          <View className="a-card sp-card">
            <Text className="sp-tag">{SPECIAL_PROBLEM_STATUS_LABELS[loaded.status]}</Text>
            <Text className="sp-card__title">{loaded.problem}</Text>
            <Text className="sp-card__meta">措施：{loaded.measure}</Text>
            <Text className="sp-card__meta">
              责任人 {loaded.owner} · 计划 {formatDate(loaded.plannedDate)}
            </Text>
          </View>
        ) : (
          <ErrorState message={error ?? '只读'} onRetry={() => void goBack()} />
        )}
        {loaded ? (
          <View className="a-card sp-card">
            <Text className="sp-form__label">整改进展</Text>
            {loaded.history.map((h, i) => (
              <View key={i} className="sp-history">
                <Text className="sp-card__meta">
                  {formatDateTime(h.createdAt)} · {h.actorName ?? ''} · {HISTORY_LABELS[h.kind]}
                  {h.status ? `（${SPECIAL_PROBLEM_STATUS_LABELS[h.status]}）` : ''}
                </Text>
                {h.note ? <Text className="sp-card__quote">{h.note}</Text> : null}
              </View>
            ))}
          </View>
        ) : null}
      </View>
      <DayPicker
        visible={picking}
        title="计划完成日期"
        startDate={dayjs().subtract(1, 'year').toDate()}
        endDate={dayjs().add(2, 'year').toDate()}
        value={plannedDate}
        onPick={edit('plannedDate', setPlannedDate)}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
