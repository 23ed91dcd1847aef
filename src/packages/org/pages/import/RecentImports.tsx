import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { IMPORT_STATE_LABELS, type TImportState, type TImportSummary } from '@/models/enterpriseImport'
import { formatDateTime } from '@/models/format'
import { IMPORT_LIST_SIZE, fetchImports } from '@/services/imports'
import { orgPages } from '@/services/routes'
import { PageState } from '@/components/PageState'
import { useRemote } from '@/hooks/useRemote'
import { Pager } from '../../components/Pager'

/**
 * 最近导入: the office's past imports, newest first, a page at a time. One opens in the page's address
 * (`?id=`), so its result and its 邀请函 can be fetched again after the clerk has left the page.
 */
export function RecentImports(props: { current: number | null; currentState?: TImportState }) {
  const [page, setPage] = useState(1)
  // Asked again when the open import moves on (检查中 → 待确认导入 → 已导入), so its line says so.
  const { state, reload } = useRemote(`imports:recent:${page}:${props.currentState ?? ''}`, () =>
    fetchImports(page),
  )
  const open = (item: TImportSummary) => {
    if (item.id !== props.current) void Taro.redirectTo({ url: orgPages.import(item.id) })
  }
  return (
    <View className="a-card">
      <Text className="a-card__title">最近导入</Text>
      <PageState
        state={state}
        reload={reload}
        empty={{ title: '还没有导入记录', description: '上传的企业名单会列在这里' }}
        isEmpty={(d) => d.total === 0}
      >
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / IMPORT_LIST_SIZE))
          return (
            <>
              {data.items.map((item) => (
                <View
                  key={item.id}
                  className={`org-member org-import__past${item.id === props.current ? ' org-import__past--current' : ''}`}
                  onClick={() => open(item)}
                >
                  <View className="org-member__who">
                    <Text className="org-member__name">{item.filename}</Text>
                    <Text className="org-member__meta">
                      {`${formatDateTime(item.createdAt)} 上传 · ${item.total} 行`}
                    </Text>
                  </View>
                  <Text className={`org-import__state org-import__state--${item.state}`}>
                    {item.batch
                      ? `第${item.batch}批 ${IMPORT_STATE_LABELS[item.state]}`
                      : IMPORT_STATE_LABELS[item.state]}
                  </Text>
                </View>
              ))}
              <Pager page={page} pages={pages} setPage={setPage} />
            </>
          )
        }}
      </PageState>
    </View>
  )
}
