import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Empty, Input } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { ZCampaign, ZCampaignCreate } from '@/models/assessment'
import { fetchCampaigns, queueCreateCampaign } from '@/services/assessments'
import { userOutbox } from '@/services/session'
import { EmptyImage } from '@/components/EmptyImage'
import { formatDate } from '@/models/format'
import { ErrorState, LoadingState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'

type DateField = 'periodStart' | 'periodEnd' | 'dueDate'

const DATE_LABELS: Record<DateField, string> = {
  periodStart: '自查期间开始',
  periodEnd: '自查期间结束',
  dueDate: '提交截止',
}

function defaults() {
  const year = dayjs().year()
  return {
    name: `${year}年度清廉企业建设自查`,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    dueDate: dayjs().add(30, 'day').format('YYYY-MM-DD'),
  }
}

/**
 * 自查期次 (领导小组办公室): the campaigns so far, and 发起新一期 for every enterprise of the county.
 * Each target enterprise gets its assessment on the latest checklist version at once.
 */
export default function CampaignsPage() {
  const session = useRequireSession()
  const write = useWrite()
  const { state, reload } = useRemote(session ? 'campaigns' : null, () => fetchCampaigns())
  usePullRefresh(reload)
  const [form, setForm] = useState(defaults)
  const [editing, setEditing] = useState<DateField | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    // The shared schema gives the same Chinese message the server would.
    const checked = ZCampaignCreate.safeParse(form)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写内容')
      return
    }
    setError(null)
    setBusy(true)
    try {
      const entry = queueCreateCampaign(form)
      const outcome = await write(entry, {
        done: (data) => {
          const created = ZCampaign.safeParse(data)
          return created.success ? `已发起，${created.data.targetCount} 家企业` : '已发起'
        },
        onRefused: setError,
      })
      if (outcome.kind !== 'delivered') return
      setForm(defaults())
      await reload().catch(() => undefined)
    } finally {
      setBusy(false)
    }
  }

  if (!session) return <View className="page" />

  return (
    <View className="page campaigns">
      <View className="page__body">
        <View className="a-card campaigns__form">
          <Text className="a-card__title">发起新一期自查</Text>
          <Input
            className="campaigns__name"
            value={form.name}
            maxLength={60}
            placeholder="期次名称，如 2027年度清廉企业建设自查"
            onChange={(name) => setForm((f) => ({ ...f, name }))}
          />
          {(Object.keys(DATE_LABELS) as DateField[]).map((f) => (
            <View key={f} className={`campaigns__row campaigns__${f}`} onClick={() => setEditing(f)}>
              <Text className="campaigns__label">{DATE_LABELS[f]}</Text>
              <Text className="campaigns__value">{formatDate(form[f])}</Text>
            </View>
          ))}
          <Text className="campaigns__hint">
            参加企业：全县所有企业。各企业按最新版自查清单、只对适用本企业的条目作答。
          </Text>
          {error ? <Text className="campaigns__error">{error}</Text> : null}
          <Button
            className="campaigns__submit"
            type="primary"
            block
            loading={busy}
            onClick={() => void submit()}
          >
            发起
          </Button>
        </View>

        <View className="a-heading">
          <Text className="a-heading__text">已发起的期次</Text>
        </View>
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
              <View key={c.id} className="a-card campaigns__item">
                <Text className="a-card__title">{c.name}</Text>
                <Text className="a-card__subtitle">
                  {formatDate(c.periodStart)} 至 {formatDate(c.periodEnd)} · 截止 {formatDate(c.dueDate)}
                </Text>
                <Text className="a-card__subtitle">
                  {c.targetCount} 家企业 · 清单第 {c.templateVersion} 版
                </Text>
              </View>
            ))
          : null}
      </View>
      <DatePicker
        visible={editing !== null}
        title={editing ? DATE_LABELS[editing] : ''}
        type="date"
        showChinese
        startDate={dayjs().subtract(2, 'year').startOf('year').toDate()}
        endDate={dayjs().add(3, 'year').endOf('year').toDate()}
        value={editing ? dayjs(form[editing]).toDate() : undefined}
        onConfirm={(_, values) => {
          const [y, m, d] = values.map(Number)
          if (editing)
            setForm((f) => ({ ...f, [editing]: dayjs(new Date(y, m - 1, d)).format('YYYY-MM-DD') }))
        }}
        onClose={() => setEditing(null)}
      />
    </View>
  )
}
