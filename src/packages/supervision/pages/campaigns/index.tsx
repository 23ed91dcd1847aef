import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { campaignDateProblems, ZCampaign, ZCampaignCreate, type TCampaign } from '@/models/assessment'
import { shanghaiDate, shanghaiDateAfterDays, shanghaiYear } from '@/models/shanghaiTime'
import { maxLengthOf } from '@/models/textLimit'
import { Heading } from '@/components/Heading'
import { DayPicker } from '@/components/DayPicker'
import { TextField } from '@/components/TextField'
import {
  fetchCampaigns,
  queueCloseCampaign,
  queueCreateCampaign,
  queueUpdateCampaign,
} from '@/services/assessments'
import { userOutbox } from '@/services/session'
import { EmptyImage } from '@/components/EmptyImage'
import { formatDate } from '@/models/format'
import { ErrorState, LoadingState } from '@/components/PageState'
import { FormSubmit } from '@/components/FormSubmit'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'
import { useBusy } from '@/hooks/useBusy'

const NAME_LIMIT = maxLengthOf(ZCampaignCreate.shape.name)

type DateField = 'periodStart' | 'periodEnd' | 'dueDate'

const DATE_LABELS: Record<DateField, string> = {
  periodStart: '自查期间开始',
  periodEnd: '自查期间结束',
  dueDate: '提交截止',
}

function defaults() {
  const year = shanghaiYear(Date.now())
  return {
    name: `${year}年度清廉企业建设自查`,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    dueDate: shanghaiDateAfterDays(Date.now(), 30),
  }
}

/**
 * 自查期次 (领导小组办公室): the campaigns so far, and 发起新一期 for every enterprise of the county.
 * Each target enterprise gets its assessment on the latest checklist version at once. An open campaign can be
 * changed (修改: the same form) or closed (结束期次: its unsubmitted assessments leave the to-dos).
 */
export default function CampaignsPage() {
  const session = useRequireSession()
  const write = useWrite()
  const { state, reload } = useRemote(session ? 'campaigns' : null, () => fetchCampaigns())
  usePullRefresh(reload)
  const [form, setForm] = useState(defaults)
  const [editing, setEditing] = useState<DateField | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  /** The campaign being changed (修改), or null when the form opens a new one. */
  const [changing, setChanging] = useState<TCampaign | null>(null)

  const submit = async () => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    // The shared schema and date rules give the same Chinese messages the server would.
    const checked = ZCampaignCreate.safeParse(form)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写内容')
      return
    }
    const today = shanghaiDate(Date.now())
    const problems = campaignDateProblems(form, today, !changing || changing.dueDate !== form.dueDate)
    if (problems.length) {
      setError(problems.map((p) => `${DATE_LABELS[p.path]}：${p.message}`).join('\n'))
      return
    }
    setError(null)
    await whileBusy(async () => {
      const entry = changing ? queueUpdateCampaign(changing.id, form) : queueCreateCampaign(form)
      const outcome = await write(entry, {
        done: (data) => {
          if (changing) return '已修改'
          const created = ZCampaign.safeParse(data)
          return created.success ? `已发起，${created.data.targetCount} 家企业` : '已发起'
        },
        onRefused: setError,
      })
      if (outcome.kind !== 'delivered') return
      setForm(defaults())
      setChanging(null)
      await reload().catch(() => undefined)
    })
  }

  const change = (c: TCampaign) => {
    setChanging(c)
    setError(null)
    setForm({ name: c.name, periodStart: c.periodStart, periodEnd: c.periodEnd, dueDate: c.dueDate })
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  const cancelChange = () => {
    setChanging(null)
    setError(null)
    setForm(defaults())
  }

  const close = async (c: TCampaign) => {
    const { confirm } = await showModal({
      title: '结束期次',
      content: `结束「${c.name}」后，尚未提交的自查表不再列入待办，也不能再提交。已提交的仍可审核。确定结束？`,
      confirmText: '结束',
      confirmColor: '#d9363e',
    })
    if (!confirm || !userOutbox()) return
    const outcome = await write(queueCloseCampaign(c.id, c.name), { done: '期次已结束' })
    if (outcome.kind === 'delivered') {
      if (changing?.id === c.id) cancelChange()
      await reload().catch(() => undefined)
    }
  }

  if (!session) return <View className="page" />

  return (
    <View className="page campaigns">
      <View className="page__body">
        <View className="a-card campaigns__form">
          <Text className="a-card__title">{changing ? `修改：${changing.name}` : '发起新一期自查'}</Text>
          <TextField
            className="campaigns__name"
            value={form.name}
            limit={NAME_LIMIT}
            placeholder="期次名称，如 2027年度清廉企业建设自查"
            onChange={(name) => setForm((f) => ({ ...f, name }))}
          />
          {(Object.keys(DATE_LABELS) as DateField[]).map((f) => (
            <View key={f} className={`campaigns__row campaigns__${f}`} onClick={() => setEditing(f)}>
              <Text className="campaigns__label">{DATE_LABELS[f]}</Text>
              <Text className="campaigns__value">{formatDate(form[f])}</Text>
            </View>
          ))}
          {changing ? null : (
            <Text className="campaigns__hint">
              参加企业：全县所有企业。各企业按最新版自查清单、只对适用本企业的条目作答。
            </Text>
          )}
          <FormSubmit block="campaigns" error={error} busy={busy} onSubmit={submit}>
            {changing ? '保存修改' : '发起'}
          </FormSubmit>
          {changing ? (
            <Button className="campaigns__cancel" block fill="none" onClick={cancelChange}>
              放弃修改
            </Button>
          ) : null}
        </View>

        <Heading text="已发起的期次" />
        {state.status === 'loading' ? <LoadingState rows={2} /> : null}
        {state.status === 'error' ? (
          <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
        ) : null}
        {state.status === 'ready' && state.data.length === 0 ? (
          <View className="a-empty">
            <Empty image={<EmptyImage />} title="暂无自查期次" description="发起后，各企业即可开始自查" />
          </View>
        ) : null}
        {state.status === 'ready'
          ? state.data.map((c) => (
              <View
                key={c.id}
                className={`a-card campaigns__item${c.closedAt ? ' campaigns__item--closed' : ''}`}
              >
                <View className="campaigns__head">
                  <Text className="a-card__title campaigns__title">{c.name}</Text>
                  {c.closedAt ? <Text className="campaigns__tag">已结束</Text> : null}
                </View>
                <Text className="a-card__subtitle">
                  {formatDate(c.periodStart)} 至 {formatDate(c.periodEnd)} · 截止 {formatDate(c.dueDate)}
                </Text>
                <Text className="a-card__subtitle">
                  {c.targetCount} 家企业 · 清单第 {c.templateVersion} 版
                </Text>
                {c.closedAt ? null : (
                  <View className="campaigns__actions">
                    <Button size="small" fill="outline" onClick={() => change(c)}>
                      修改
                    </Button>
                    <Button size="small" fill="outline" type="danger" onClick={() => void close(c)}>
                      结束期次
                    </Button>
                  </View>
                )}
              </View>
            ))
          : null}
      </View>
      <DayPicker
        visible={editing !== null}
        title={editing ? DATE_LABELS[editing] : ''}
        startDate={dayjs().subtract(2, 'year').startOf('year').toDate()}
        endDate={dayjs().add(3, 'year').endOf('year').toDate()}
        value={editing ? form[editing] : undefined}
        onPick={(day) => {
          if (editing) setForm((f) => ({ ...f, [editing]: day }))
        }}
        onClose={() => setEditing(null)}
      />
    </View>
  )
}
