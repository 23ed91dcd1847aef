import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS, ZEnterprise, type TEnterprise } from '@/models/org'
import { fetchDepartments, queueEnterpriseCreate } from '@/services/departments'
import { goBack } from '@/services/navigation'
import { orgPages, supervisionPages } from '@/services/routes'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useWrite } from '@/hooks/useWrite'
import { firstPartIn, placeProblems } from '@/hooks/useFieldErrors'
import { EnterpriseForm } from '../../components/EnterpriseForm'
import {
  checkEnterprise,
  EMPTY_DRAFT,
  refusalField,
  type EnterpriseDraft,
  type FieldErrors,
} from '../../components/enterpriseDraft'
import { useBusy } from '@/hooks/useBusy'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'

const draftField = firstPartIn(Object.keys(EMPTY_DRAFT) as (keyof EnterpriseDraft)[])

/**
 * 登记企业 (the office): one enterprise by hand, for one learnt of mid-year (the Excel import is for many).
 * Once registered, the way on is its liaison's invite code (成员与联络员, as for an imported enterprise
 * registered without a liaison), or the next enterprise.
 */
export default function RegisterEnterprisePage() {
  const session = useRequireSession()
  const departments = useRemote(session ? 'departments' : null, () => fetchDepartments())
  const write = useWrite()
  const [draft, setDraft] = useState<EnterpriseDraft>(EMPTY_DRAFT)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  const [done, setDone] = useState<TEnterprise | null>(null)
  const [queued, setQueued] = useState(false)
  // Bumped by a tap on 登记 that ends in a message: the first one is scrolled into view (the button is
  // under the department list, the code's field far above it).
  const [reveal, setReveal] = useState(0)
  useEffect(() => {
    if (!reveal) return
    const timer = setTimeout(() => {
      void Taro.pageScrollTo({
        selector: '.ent-form .ent-form__error',
        offsetTop: -120,
        duration: 200,
      }).catch(() => undefined)
    }, 0)
    return () => clearTimeout(timer)
  }, [reveal])
  // What was registered (or the empty form again) is read from the top.
  const toTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  const dirty = Boolean(draft.name.trim() || draft.creditCode.trim() || draft.industry.trim())
  useUnsavedGuard(!done && !queued && dirty)
  if (!session) return <View className="page" />

  // The departments in service an enterprise may be put under (the office itself is not offered, as in the import).
  const inService =
    departments.state.status === 'ready'
      ? { ...departments.state, data: departments.state.data.filter((d) => !d.isOffice) }
      : departments.state

  const change = (patch: Partial<EnterpriseDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    // A field's message goes once it is changed (the next check says anew).
    setErrors((e) => {
      const next = { ...e }
      for (const key of Object.keys(patch) as (keyof EnterpriseDraft)[]) delete next[key]
      return next
    })
    setFormError(null)
  }

  const submit = async () => {
    if (busy) return
    // Only departments still offered (one retired meanwhile left the list on its reload).
    const offered = inService.status === 'ready' ? new Set(inService.data.map((d) => d.id)) : null
    const checked = checkEnterprise({
      ...draft,
      supervisingDepartmentIds: draft.supervisingDepartmentIds.filter((id) => !offered || offered.has(id)),
    })
    if (!checked.ok) {
      setErrors(checked.errors)
      setReveal((n) => n + 1)
      return
    }
    await whileBusy(async () => {
      const outcome = await write(queueEnterpriseCreate(checked.body), {
        done: `已登记${checked.body.name}`,
        onRefused: (message, code, fields) => {
          const field = refusalField(code)
          if (field) setErrors({ [field]: message })
          else {
            // The server's field messages under their fields ('supervisingDepartmentIds.0' is the list's);
            // one naming no field of the form is said by the form, as itself.
            const placed = placeProblems(fields, draftField, message)
            setErrors(placed.fields)
            setFormError(placed.form)
          }
          // A department retired meanwhile leaves the list: the clerk picks again from those in service.
          if (code === 'DEPARTMENT_RETIRED') void departments.reload().catch(() => undefined)
          setReveal((n) => n + 1)
        },
      })
      if (outcome.kind === 'refused') return
      const registered = ZEnterprise.safeParse(outcome.kind === 'delivered' ? outcome.response?.data : null)
      // Kept in the outbox (no network): it is registered once sent; its invite comes from 成员与联络员.
      if (!registered.success) {
        setQueued(true)
        return void goBack()
      }
      setDone(registered.data)
      toTop()
    })
  }

  return (
    <View className="page">
      <View className="page__body">
        {done ? (
          <Registered
            enterprise={done}
            departments={inService.status === 'ready' ? inService.data : []}
            onNext={() => {
              setDraft(EMPTY_DRAFT)
              setErrors({})
              setDone(null)
              toTop()
            }}
          />
        ) : (
          <>
            <View className="a-card">
              <Text className="a-card__subtitle">
                逐家登记年中新设立或新纳入的企业；多家企业请用「从 Excel 导入企业」。
              </Text>
            </View>
            <EnterpriseForm
              draft={draft}
              errors={errors}
              formError={formError}
              departments={inService}
              busy={busy}
              onChange={change}
              onSubmit={() => void submit()}
              onReloadDepartments={() => void departments.reload().catch(() => undefined)}
            />
          </>
        )}
      </View>
    </View>
  )
}

/** What was registered, and the ways on: its liaison's invite (the office's 成员与联络员), the next one. */
function Registered(props: {
  enterprise: TEnterprise
  departments: { id: number; name: string }[]
  onNext: () => void
}) {
  const e = props.enterprise
  const supervisors = props.departments.filter((d) => e.supervisingDepartmentIds.includes(d.id))
  return (
    <View className="a-card ent-done">
      <Text className="ent-done__title">已登记</Text>
      <Text className="ent-done__name">{e.name}</Text>
      <Text className="ent-done__line">{`统一社会信用代码：${e.creditCode}`}</Text>
      <Text className="ent-done__line">{`${OWNERSHIP_LABELS[e.ownership]} · ${PARTY_ORG_LABELS[e.partyOrg]}${e.industry ? ` · ${e.industry}` : ''}`}</Text>
      <Text className="ent-done__line">
        {`监管部门：${supervisors.length ? supervisors.map((d) => d.name).join('、') : '暂未关联'}`}
      </Text>
      <Text className="ent-done__next">
        下一步：为企业生成联络员邀请码，发给企业联络员；联络员微信扫码或在「我的 →
        加入企业」输入邀请码申请加入，由领导小组办公室审核通过。
      </Text>
      <Button
        type="primary"
        block
        onClick={() => void Taro.navigateTo({ url: orgPages.members(e.id, true, e.name) })}
      >
        邀请联络员
      </Button>
      <View className="ent-done__more">
        <Button fill="outline" onClick={props.onNext}>
          继续登记
        </Button>
        <Button
          fill="outline"
          onClick={() => void Taro.navigateTo({ url: supervisionPages.enterprise(e.id) })}
        >
          查看企业
        </Button>
      </View>
    </View>
  )
}
