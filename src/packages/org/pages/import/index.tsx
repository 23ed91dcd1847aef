import { useEffect, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  IMPORT_STATUS_LABELS,
  IMPORT_STATUSES,
  INVITES_PER_DOCUMENT,
  type TImport,
  type TImportStatus,
} from '@/models/enterpriseImport'
import {
  IMPORT_PAGE_SIZE,
  commitImport,
  downloadInvites,
  downloadResult,
  downloadTemplate,
  fetchImport,
  pickWorkbook,
  uploadWorkbook,
} from '@/services/imports'
import { idParam, orgPages } from '@/services/routes'
import { PageState } from '@/components/PageState'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'
import { RecentImports } from './RecentImports'
import { Pager } from '../../components/Pager'
import { ShareBar } from '@/components/ShareBar'

const message = (err: unknown) => (err instanceof Error && err.message ? err.message : '操作失败，请稍后重试')
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/** 领导小组办公室: enterprises in bulk from Excel — template, upload, check, result, commit, invites. */
export default function ImportPage() {
  const session = useRequireSession()
  const router = useRouter()
  const id = idParam(router.params.id)
  const [filter, setFilter] = useState<TImportStatus | undefined>('refuse')
  const [page, setPage] = useState(1)
  const [busy, setBusy] = useState<string | null>(null)
  const [uploadError, setUploadError] = useState<string | null>(null)
  const { state, reload } = useRemote(session && id ? `import:${id}:${filter ?? 'all'}:${page}` : null, () =>
    fetchImport(id!, filter, page),
  )

  // The worker checks the rows in the background: ask again a second after each answer until it is done.
  // Not while a request is on its way: under load an answer takes over a second, and each new request
  // sets the one before aside (useRemote keeps the latest), so the page stayed on 正在检查 n / n 行
  // until an answer happened to arrive within the second.
  const parsing = state.status === 'ready' && state.data.state === 'parsing'
  const asking = state.status === 'ready' && state.refreshing
  useEffect(() => {
    if (!parsing || asking) return
    const timer = setTimeout(() => reload().catch(() => undefined), 1000)
    return () => clearTimeout(timer)
  }, [parsing, asking, state, reload])

  // The rows open on 拒绝 (what must be fixed first) until the user picks a filter; with nothing refused that
  // is an empty list, so they open on 全部 instead.
  const [picked, setPicked] = useState(false)
  const noneRefused = state.status === 'ready' && state.data.counts?.refuse === 0
  useEffect(() => {
    if (noneRefused && !picked && filter === 'refuse') setFilter(undefined)
  }, [noneRefused, picked, filter])

  if (!session) return <View className="page" />

  async function run(label: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(label)
    try {
      await action()
    } catch (err) {
      toast(message(err))
    } finally {
      setBusy(null)
    }
  }

  const upload = () =>
    run('upload', async () => {
      setUploadError(null)
      const file = await pickWorkbook()
      if (!file) return
      try {
        const { id: created } = await uploadWorkbook(file)
        toast('已上传，正在检查')
        // The import in the page's address: back, reload or a shared link open it again.
        await Taro.redirectTo({ url: orgPages.import(created) })
      } catch (err) {
        setUploadError(message(err))
        throw err
      }
    })

  const commit = (view: TImport) =>
    run('commit', async () => {
      const counts = view.counts!
      const { confirm } = await showModal({
        title: '确认导入',
        content: `将新增 ${counts.create} 家、更新 ${counts.update} 家企业（拒绝的 ${counts.refuse} 行不导入），确认导入吗？`,
      })
      if (!confirm) return
      const result = await commitImport(view.id)
      toast(`导入完成：新增 ${result.created} 家，更新 ${result.updated} 家`)
      await reload().catch(() => undefined)
    })

  const choose = (status: TImportStatus | undefined) => {
    setPicked(true)
    setFilter(status)
    setPage(1)
  }

  return (
    <View className="page org-import">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">第一步：下载模板</Text>
          <Text className="a-card__subtitle">
            按模板逐行填写企业名称、统一社会信用代码、所有制、党组织、行业、监管部门和联络员。
          </Text>
          <Button
            type="primary"
            fill="outline"
            disabled={busy !== null}
            onClick={() => void run('template', downloadTemplate)}
          >
            下载导入模板
          </Button>
        </View>
        <View className="a-card">
          <Text className="a-card__title">第二步：上传填好的文件</Text>
          <Text className="a-card__subtitle">
            {process.env.TARO_ENV === 'weapp'
              ? '先把 .xlsx 文件发到微信聊天（如文件传输助手），再从聊天中选择。'
              : '选择电脑上填好的 .xlsx 文件。'}
          </Text>
          <Button
            type="primary"
            loading={busy === 'upload'}
            disabled={busy !== null}
            onClick={() => void upload()}
          >
            {busy === 'upload' ? '正在上传…' : '选择文件并上传'}
          </Button>
          {uploadError ? <Text className="form-dialog__error">{uploadError}</Text> : null}
        </View>
        {id ? (
          <PageState state={state} reload={reload}>
            {(view: TImport) => (
              <>
                <View className="a-card">
                  <Text className="a-card__title">检查结果：{view.filename}</Text>
                  {view.state === 'parsing' ? (
                    <View className="org-import__progress">
                      <Text>{`正在检查 ${view.processed} / ${view.total} 行`}</Text>
                      <ShareBar
                        done={view.processed}
                        total={view.total}
                        track="org-import__bar"
                        fill="org-import__fill"
                      />
                    </View>
                  ) : null}
                  {view.state === 'failed' ? (
                    <Text className="form-dialog__error">{view.errorMessage ?? '检查失败，请重新上传'}</Text>
                  ) : null}
                  {view.counts ? (
                    <View className="org-import__counts">
                      {IMPORT_STATUSES.map((s) => (
                        <View key={s} className={`org-import__count org-import__count--${s}`}>
                          <Text className="org-import__number">{view.counts![s]}</Text>
                          <Text>{IMPORT_STATUS_LABELS[s]}</Text>
                        </View>
                      ))}
                    </View>
                  ) : null}
                  {view.commitResult ? (
                    <Text className="a-card__subtitle">
                      {`已导入：新增 ${view.commitResult.created} 家，更新 ${view.commitResult.updated} 家，无变化 ${view.commitResult.unchanged} 家；生成联络员邀请码 ${view.commitResult.invites} 个。`}
                    </Text>
                  ) : null}
                  {view.state === 'ready' || view.state === 'committed' ? (
                    <View className="org-import__actions">
                      <Button
                        fill="outline"
                        disabled={busy !== null}
                        onClick={() => void run('result', () => downloadResult(view.id))}
                      >
                        下载检查结果
                      </Button>
                      {view.state === 'ready' ? (
                        <Button
                          type="primary"
                          loading={busy === 'commit'}
                          disabled={
                            busy !== null || !view.counts || view.counts.create + view.counts.update === 0
                          }
                          onClick={() => void commit(view)}
                        >
                          确认导入
                        </Button>
                      ) : (
                        <InviteButtons view={view} busy={busy !== null} run={run} />
                      )}
                    </View>
                  ) : null}
                </View>
                {view.state !== 'parsing' && view.state !== 'failed' ? (
                  <RowsCard view={view} filter={filter} page={page} choose={choose} setPage={setPage} />
                ) : null}
              </>
            )}
          </PageState>
        ) : null}
        <RecentImports current={id} currentState={state.status === 'ready' ? state.data.state : undefined} />
      </View>
    </View>
  )
}

/** 下载联络员邀请函: one document, or one per INVITES_PER_DOCUMENT enterprises of a large import. */
function InviteButtons(props: {
  view: TImport
  busy: boolean
  run: (label: string, action: () => Promise<void>) => Promise<void>
}) {
  const invites = props.view.commitResult?.invites ?? 0
  const parts = Math.ceil(invites / INVITES_PER_DOCUMENT)
  if (parts <= 1)
    return (
      <Button
        type="primary"
        disabled={props.busy || invites === 0}
        onClick={() => void props.run('invites', () => downloadInvites(props.view.id))}
      >
        下载联络员邀请函
      </Button>
    )
  return (
    <View className="org-import__parts">
      {Array.from({ length: parts }, (_, i) => (
        <Button
          key={i}
          size="small"
          type="primary"
          fill="outline"
          disabled={props.busy}
          onClick={() => void props.run('invites', () => downloadInvites(props.view.id, i + 1))}
        >
          {`邀请函 第${i * INVITES_PER_DOCUMENT + 1}–${Math.min(invites, (i + 1) * INVITES_PER_DOCUMENT)}家`}
        </Button>
      ))}
    </View>
  )
}

function RowsCard(props: {
  view: TImport
  filter: TImportStatus | undefined
  page: number
  choose: (s: TImportStatus | undefined) => void
  setPage: (p: number) => void
}) {
  const { view, filter, page } = props
  const pages = Math.max(1, Math.ceil(view.rowsTotal / IMPORT_PAGE_SIZE))
  const filters: [TImportStatus | undefined, string][] = [
    ...IMPORT_STATUSES.map((s): [TImportStatus, string] => [s, IMPORT_STATUS_LABELS[s]]),
    [undefined, '全部'],
  ]
  return (
    <View className="a-card">
      <Text className="a-card__title">逐行结果</Text>
      <View className="org-roles org-roles--wrap">
        {filters.map(([s, label]) => (
          <Text
            key={label}
            className={`org-roles__item${filter === s ? ' org-roles__item--active' : ''}`}
            onClick={() => props.choose(s)}
          >
            {label}
          </Text>
        ))}
      </View>
      {view.rows.length === 0 ? (
        <Text className="a-empty">没有{filter ? `“${IMPORT_STATUS_LABELS[filter]}”的` : ''}行</Text>
      ) : (
        view.rows.map((row) => (
          <View key={row.rowNo} className="org-member">
            <View className="org-member__who">
              <Text className="org-member__name">{`第${row.rowNo}行 ${row.name ?? '（未填企业名称）'}`}</Text>
              <Text className="org-member__meta">{row.creditCode ?? '（未填统一社会信用代码）'}</Text>
              {row.reason ? (
                <Text className={`org-import__reason org-import__reason--${row.status}`}>{row.reason}</Text>
              ) : null}
            </View>
            <Text className={`org-import__status org-import__status--${row.status}`}>
              {IMPORT_STATUS_LABELS[row.status]}
            </Text>
          </View>
        ))
      )}
      <Pager page={page} pages={pages} setPage={props.setPage} />
    </View>
  )
}
