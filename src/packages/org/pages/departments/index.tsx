import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PROGRAMME_DEPARTMENTS, ZDepartmentCreate, ZSupervisionRuleResult } from '@/models/department'
import { OWNERSHIPS, OWNERSHIP_LABELS, type TDepartment, type TOwnership } from '@/models/org'
import {
  fetchDepartments,
  queueDepartmentCreate,
  queueDepartmentRename,
  queueDepartmentRetire,
  queueSupervisionRule,
} from '@/services/departments'
import { formatDate } from '@/models/format'
import { maxLengthOf } from '@/models/textLimit'
import { TextField } from '@/components/TextField'
import { DepartmentEnterprises } from '@/packages/org/components/DepartmentEnterprises'
import type { OutboxEntry } from '@/services/outbox'
import { orgPages } from '@/services/routes'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import type { WriteOptions } from '@/hooks/useWrite'
import { useBusyWrite } from '@/packages/org/components/useBusyWrite'
import '@/styles/page.scss'
import '../members/index.scss'

const NAME_LIMIT = maxLengthOf(ZDepartmentCreate.shape.name)

/** 领导小组办公室: the county's supervising departments, and which enterprises each supervises. */
export default function DepartmentsPage() {
  const session = useRequireSession()
  const { state, reload } = useRemote(session ? 'departments:all' : null, () =>
    fetchDepartments({ retired: true }),
  )
  usePullRefresh(reload)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const [rename, setRename] = useState('')
  const [ownerships, setOwnerships] = useState<TOwnership[]>(['private'])
  // One write at a time, whichever department it is for; the page reloads after each.
  const keyed = useBusyWrite(reload)
  const busy = keyed.busy !== null

  if (!session) return <View className="page" />

  const write = (entry: () => OutboxEntry, options: WriteOptions) => keyed.write('department', entry, options)

  async function create(value: string) {
    const parsed = ZDepartmentCreate.safeParse({ name: value })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '部门名称不正确')
    setError(null)
    const outcome = await write(() => queueDepartmentCreate(parsed.data), {
      done: `已新建「${parsed.data.name}」`,
      onRefused: setError,
    })
    if (outcome.kind !== 'refused') setName('')
  }

  async function retire(d: TDepartment) {
    const answer = await showModal({
      title: `撤销「${d.name}」？`,
      content: '撤销后该部门不再监管任何企业，其人员的部门角色随即失效；已有记录保留。此操作不能恢复。',
      confirmText: '撤销',
    })
    if (!answer.confirm) return
    const outcome = await write(() => queueDepartmentRetire(d), { done: `已撤销「${d.name}」` })
    if (outcome.kind === 'delivered') setOpen(null)
  }

  const toggle = (o: TOwnership) =>
    setOwnerships((list) => (list.includes(o) ? list.filter((x) => x !== o) : [...list, o]))

  return (
    <View className="page org-departments">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <Text className="a-card__title">登记企业</Text>
          <Text className="a-card__subtitle">
            用 Excel
            模板一次登记多家企业及其监管部门和联络员，导入后可打印联络员邀请函；年中新增一家企业可逐家登记，登记后为其生成联络员邀请码。
          </Text>
          <View className="org-register">
            <Button
              type="primary"
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: orgPages.import() })}
            >
              从 Excel 导入企业
            </Button>
            <Button fill="outline" onClick={() => void Taro.navigateTo({ url: orgPages.register() })}>
              逐家登记
            </Button>
          </View>
        </View>
        <View className="a-card">
          <Text className="a-card__title">领导小组与实施方案完成期限</Text>
          <Text className="a-card__subtitle">
            实施方案规定 2022年6月15日前完成；开通较晚的县可为全县企业统一设定一个较晚的日期。
          </Text>
          <Button fill="outline" onClick={() => void Taro.navigateTo({ url: orgPages.countyDeadline() })}>
            完成期限
          </Button>
        </View>
        <PageState state={state} reload={reload}>
          {(departments: TDepartment[]) => {
            const active = departments.filter((d) => !d.retiredAt)
            const retired = departments.filter((d) => d.retiredAt)
            const existing = new Set(departments.map((d) => d.name))
            const suggestions = PROGRAMME_DEPARTMENTS.filter((d) => !existing.has(d.name))
            return (
              <>
                <View className="a-card">
                  <Text className="a-card__title">新建监管部门</Text>
                  <View className="org-invite">
                    <View className="org-invite__who">
                      <TextField
                        value={name}
                        placeholder="部门名称，如：县审计局"
                        limit={NAME_LIMIT}
                        onChange={(v) => {
                          setName(v)
                          setError(null)
                        }}
                      />
                    </View>
                    <Button size="small" type="primary" disabled={busy} onClick={() => void create(name)}>
                      新建
                    </Button>
                  </View>
                  {error ? <Text className="form-dialog__error">{error}</Text> : null}
                  {suggestions.length ? (
                    <>
                      <Text className="a-card__subtitle">
                        实施方案中的牵头单位、责任单位和工作专班（点选即新建）：
                      </Text>
                      <View className="org-roles org-roles--wrap">
                        {suggestions.map((d) => (
                          <Text
                            key={d.name}
                            className="org-roles__item"
                            onClick={() => !busy && void create(d.name)}
                          >
                            {d.name}
                          </Text>
                        ))}
                      </View>
                    </>
                  ) : null}
                </View>

                <View className="a-card">
                  <Text className="a-card__title">{`监管部门（${active.length}）`}</Text>
                  {active.map((d) => (
                    <View key={d.id} className="org-department">
                      <View
                        className="org-member"
                        onClick={() => {
                          setOpen(open === d.id ? null : d.id)
                          setRename(d.name)
                        }}
                      >
                        <Text className="org-member__name">{d.name}</Text>
                        <Text className="org-member__roles">
                          {open === d.id ? '收起' : d.isOffice ? '办公室 · 管理' : '管理'}
                        </Text>
                      </View>
                      {open === d.id ? (
                        <View className="org-department__edit">
                          <Button
                            type="primary"
                            block
                            onClick={() =>
                              void Taro.navigateTo({ url: orgPages.staff(d.id, d.name, d.isOffice) })
                            }
                          >
                            部门人员（邀请、审核、角色）
                          </Button>
                          {d.isOffice ? null : (
                            <>
                              <View className="org-invite">
                                <View className="org-invite__who">
                                  <TextField
                                    value={rename}
                                    limit={NAME_LIMIT}
                                    placeholder="新名称"
                                    onChange={setRename}
                                  />
                                </View>
                                <Button
                                  size="small"
                                  fill="outline"
                                  disabled={busy || rename.trim() === d.name}
                                  onClick={() =>
                                    void write(() => queueDepartmentRename(d.id, rename.trim()), {
                                      done: '已改名',
                                    })
                                  }
                                >
                                  改名
                                </Button>
                              </View>
                              <Text className="a-card__subtitle">按企业性质批量关联监管企业：</Text>
                              <View className="org-roles org-roles--wrap">
                                {OWNERSHIPS.map((o) => (
                                  <Text
                                    key={o}
                                    className={`org-roles__item${ownerships.includes(o) ? ' org-roles__item--active' : ''}`}
                                    onClick={() => toggle(o)}
                                  >
                                    {OWNERSHIP_LABELS[o]}
                                  </Text>
                                ))}
                              </View>
                              <Button
                                type="primary"
                                fill="outline"
                                disabled={busy || ownerships.length === 0}
                                onClick={() =>
                                  void write(() => queueSupervisionRule(d.id, { ownerships }), {
                                    done: (data) => {
                                      const r = ZSupervisionRuleResult.safeParse(data)
                                      return r.success
                                        ? `新关联 ${r.data.linked} 家（符合 ${r.data.matched} 家）`
                                        : '已关联'
                                    },
                                  })
                                }
                              >
                                关联所选性质的全部企业
                              </Button>
                            </>
                          )}
                          {/* A line of its own: as a Text it ran on beside the button above */}
                          <View className="a-card__subtitle">逐家关联或移除：</View>
                          <DepartmentEnterprises departmentId={d.id} busy={busy} write={write} />
                          {d.isOffice ? null : (
                            <View className="org-department__retire">
                              <Button size="small" fill="none" disabled={busy} onClick={() => void retire(d)}>
                                撤销该部门
                              </Button>
                            </View>
                          )}
                        </View>
                      ) : null}
                    </View>
                  ))}
                </View>
                {retired.length ? (
                  <View className="a-card">
                    <Text className="a-card__title">{`已撤销（${retired.length}）`}</Text>
                    {retired.map((d) => (
                      <View key={d.id} className="org-member org-member--retired">
                        <Text className="org-member__name">{d.name}</Text>
                        <Text className="org-member__meta">{`${formatDate(d.retiredAt!)}撤销`}</Text>
                      </View>
                    ))}
                  </View>
                ) : null}
              </>
            )
          }}
        </PageState>
      </View>
    </View>
  )
}
