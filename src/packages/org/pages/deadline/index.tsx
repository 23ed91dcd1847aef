import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { PROGRAMME_DEADLINE, PROGRAMME_DEADLINE_QUOTE, type TCountyDeadline } from '@/models/milestones'
import { shanghaiDate } from '@/models/shanghaiTime'
import { formatDate, formatDateTime } from '@/models/format'
import { fetchCountyDeadline, queueCountyDeadline } from '@/services/milestones'
import { DayPicker } from '@/components/DayPicker'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { useBusy } from '@/hooks/useBusy'
import '@/styles/page.scss'
import '../milestones/index.scss'
import './index.scss'

/** How far ahead the picker offers a date (北京时间 years from today). */
const YEARS_AHEAD = 3

/** The office has decided (it saved, or `npm run setup` did) to keep the programme's own date. */
function keepsProgramme(data: TCountyDeadline): boolean {
  return data.deadline === null && data.updatedAt !== null
}

/** Where the date in force comes from, in the page's words. */
function sourceText(data: TCountyDeadline): string {
  if (data.deadline) return `领导小组办公室全县统一设定（实施方案原定 ${formatDate(data.programme)}）`
  return keepsProgramme(data) ? '领导小组办公室确定沿用实施方案规定' : '实施方案规定（尚未确定是否沿用）'
}

function DeadlineForm({ data, onSaved }: { data: TCountyDeadline; onSaved: () => Promise<void> }) {
  const send = useWrite()
  const [day, setDay] = useState<string | null>(data.deadline)
  const [picking, setPicking] = useState(false)
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)
  const today = shanghaiDate(Date.now())

  async function save(deadline: string | null) {
    setError(null)
    await whileBusy(async () => {
      const outcome = await send(queueCountyDeadline(deadline), {
        done: deadline
          ? `全县完成期限已设为 ${formatDate(deadline)}`
          : `已沿用${formatDate(PROGRAMME_DEADLINE)}`,
        onRefused: setError,
      })
      if (outcome.kind === 'refused') return
      if (!deadline) setDay(null)
      await onSaved().catch(() => undefined)
    })
  }

  // Decided already to keep the programme's date: nothing more to keep.
  const kept = keepsProgramme(data)
  return (
    <View className="a-card">
      <Text className="a-card__title">设定全县统一期限</Text>
      {kept ? null : (
        <>
          {/* The programme's own date in one tap (recorded as the county's decision, as `npm run setup
              --deadline none`): what a county does that switched on in time, or is content to count from it. */}
          <Button
            className="county-deadline__keep"
            type={data.deadline ? 'default' : 'primary'}
            fill="outline"
            block
            disabled={busy}
            onClick={() => void save(null)}
          >
            {`沿用方案规定的${formatDate(PROGRAMME_DEADLINE)}`}
          </Button>
          <Text className="county-deadline__or">或设定较晚的全县统一日期：</Text>
        </>
      )}
      <View
        className={`county-deadline__pick${day ? '' : ' county-deadline__pick--empty'}`}
        onClick={() => !busy && setPicking(true)}
      >
        <Text>{day ? formatDate(day) : '选择日期（北京时间）'}</Text>
        <Text>›</Text>
      </View>
      <Text className="county-deadline__hint">
        {`不早于实施方案规定的 ${formatDate(PROGRAMME_DEADLINE)}。未单独设定期限的企业，领导小组成立日期、实施方案报送日期在此日当天或之前为按时。`}
      </Text>
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
      <View className="milestone__buttons">
        <Button
          type="primary"
          loading={busy}
          disabled={busy || !day || day === data.deadline}
          onClick={() => day && void save(day)}
        >
          保存
        </Button>
      </View>
      <DayPicker
        visible={picking}
        title="领导小组与实施方案完成期限"
        startDate={dayjs(PROGRAMME_DEADLINE).toDate()}
        endDate={dayjs(today).add(YEARS_AHEAD, 'year').toDate()}
        value={day ?? today}
        onPick={(d) => {
          setDay(d)
          setError(null)
        }}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

/**
 * 领导小组办公室: the county-wide 领导小组与实施方案完成期限. A county switching on after the programme's date
 * sets one later date for all its enterprises; a date set for one enterprise (its 领导小组与实施方案 page)
 * still wins.
 */
export default function CountyDeadlinePage() {
  const session = useRequireSession()
  const { state, reload } = useRemote(session ? 'milestones:county-deadline' : null, fetchCountyDeadline)
  usePullRefresh(reload)
  if (!session) return <View className="page" />

  return (
    <View className="page county-deadline">
      <View className="page__body">
        <OutboxNotice />
        <PageState state={state} reload={reload}>
          {(data: TCountyDeadline) => (
            <>
              <View className="a-card">
                <Text className="a-card__title">领导小组与实施方案完成期限</Text>
                <Text className="county-deadline__now">{formatDate(data.deadline ?? data.programme)}</Text>
                <Text className="county-deadline__source">{sourceText(data)}</Text>
                <Text className="milestone__quote">
                  实施步骤：“各企业……及时成立本企业清廉建设工作领导小组……{PROGRAMME_DEADLINE_QUOTE}”
                </Text>
                <Text className="county-deadline__hint">
                  {data.ownDeadlines
                    ? `另有 ${data.ownDeadlines} 家企业单独设定了期限，以其单独设定的为准。`
                    : '可在企业的「领导小组与实施方案」页为个别企业单独设定期限，单独设定的优先。'}
                </Text>
                {data.updatedAt ? (
                  <Text className="county-deadline__hint">
                    {`上次设定：${formatDateTime(data.updatedAt)}（北京时间，${
                      data.updatedByName ?? '开通时设定'
                    }）`}
                  </Text>
                ) : null}
              </View>
              <DeadlineForm
                key={`${data.deadline ?? ''}:${data.updatedAt ?? ''}`}
                data={data}
                onSaved={reload}
              />
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
