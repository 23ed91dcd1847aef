import { useEffect, useMemo, useRef, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useRouter } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import {
  PLEDGE_KINDS,
  PLEDGE_KIND_LABELS,
  PLEDGE_SIDE_LABELS,
  ZPledge,
  renderPledgeText,
  type TPledge,
  type TPledgeKind,
  type TPledgeTemplate,
} from '@/models/pledge'
import type { TDepartment } from '@/models/org'
import {
  fetchDepartments,
  fetchPledge,
  fetchPledgeTemplates,
  findCounterparty,
  queueCountersign,
  queueSignPledge,
} from '@/services/pledges'
import { RemotePage } from '@/components/RemotePage'
import { InvalidLink } from '@/components/PageState'
import { idParam, pledgePages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { SignaturePad } from '@/packages/pledges/components/SignaturePad'
import type { SignaturePadHandle } from '@/packages/pledges/components/SignaturePad.types'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'
import { useWrite } from '@/hooks/useWrite'
import type { TDealingLists, TDealingRef } from '@/models/dealings'
import { fetchDealingLists } from '@/services/dealings'
import { DealingsBasis } from '@/packages/pledges/components/DealingsBasis'
import { ErrorNotice } from '@/components/ErrorNotice'
import { ActionBar } from '@/components/ActionBar'
import { useBusy } from '@/hooks/useBusy'

/** The versions in force, as a 政商 pledge started now records them. */
const inForceRefs = (lists: TDealingLists): TDealingRef[] =>
  lists.lists.flatMap((l) =>
    l.inForce?.version ? [{ id: l.inForce.id, kind: l.kind, version: l.inForce.version }] : [],
  )

type Mode =
  | { kind: 'countersign'; pledgeId: number }
  | { kind: 'enterprise'; pledgeKind: TPledgeKind; enterpriseId: number }
  | { kind: 'department'; departmentId: number }
  | { kind: 'invalid' }

function modeOf(params: Record<string, string | undefined>): Mode {
  const pid = idParam(params.pid)
  if (pid) return { kind: 'countersign', pledgeId: pid }
  const pledgeKind = PLEDGE_KINDS.find((k) => k === params.kind)
  const eid = idParam(params.eid)
  if (pledgeKind && eid) return { kind: 'enterprise', pledgeKind, enterpriseId: eid }
  const did = idParam(params.did)
  if (pledgeKind === 'government_business' && did) return { kind: 'department', departmentId: did }
  return { kind: 'invalid' }
}

interface Loaded {
  template: TPledgeTemplate | null
  /** 政商 pledges: the versions in force (starting) or recorded on the pledge (counter-signing). */
  dealings: TDealingRef[]
  pledge: TPledge | null
  departments: TDepartment[]
}

/**
 * 签署: read the exact text to its end, sign by hand, confirm. A one-sided pledge is signed here; a
 * 政商双边清廉承诺 is started here (the counterparty is chosen first) or counter-signed (?pid=).
 */
export default function PledgeSignPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const mode = useMemo(() => modeOf(params), [params])
  const { state: me } = useMe(session?.user.id ?? null)
  const { state, reload } = useRemote<Loaded>(
    session && mode.kind !== 'invalid' ? `sign:${JSON.stringify(mode)}` : null,
    async () => {
      if (mode.kind === 'countersign') {
        const pledge = await fetchPledge(mode.pledgeId)
        return { template: null, pledge, departments: [], dealings: pledge.dealings }
      }
      const pledgeKind = mode.kind === 'enterprise' ? mode.pledgeKind : 'government_business'
      const templates = await fetchPledgeTemplates()
      const template = templates.find((t) => t.kind === pledgeKind) ?? null
      const departments =
        mode.kind === 'enterprise' && pledgeKind === 'government_business' ? await fetchDepartments() : []
      const dealings = pledgeKind === 'government_business' ? inForceRefs(await fetchDealingLists()) : []
      return { template, pledge: null, departments: departments.filter((d) => !d.isOffice), dealings }
    },
  )

  const [departmentId, setDepartmentId] = useState<number | null>(null)
  const [creditCode, setCreditCode] = useState('')
  const [counterparty, setCounterparty] = useState<{ id: number; name: string } | null>(null)
  const [lookupError, setLookupError] = useState<string | null>(null)
  const [read, setRead] = useState(false)
  const [signed, setSigned] = useState(false)
  const [busy, whileBusy] = useBusy()
  const [refusal, setRefusal] = useState<string | null>(null)
  const write = useWrite()
  const pad = useRef<SignaturePadHandle>(null)

  const memberships = useMemo(() => (me.status === 'ready' ? me.me.memberships : []), [me])
  const userName = me.status === 'ready' ? me.me.user.name : (session?.user.name ?? '')
  const loaded = state.status === 'ready' ? state.data : null

  // The exact text to be signed: the stored one for a counter-signature, else the template rendered.
  const text = useMemo(() => {
    if (!loaded) return null
    if (loaded.pledge) return loaded.pledge.text
    const template = loaded.template
    if (!template || me.status !== 'ready') return null
    if (mode.kind === 'enterprise') {
      const enterprise = memberships.find(
        (m) => m.organisationKind === 'enterprise' && m.organisationId === mode.enterpriseId,
      )
      if (!enterprise) return null
      if (template.kind === 'government_business') {
        const department = loaded.departments.find((d) => d.id === departmentId)
        if (!department) return null
        return renderPledgeText(template.kind, template.content, {
          enterprise: enterprise.organisationName,
          department: department.name,
        })
      }
      return renderPledgeText(template.kind, template.content, {
        signer: userName,
        enterprise: enterprise.organisationName,
      })
    }
    if (mode.kind === 'department') {
      const department = memberships.find(
        (m) => m.organisationKind === 'department' && m.organisationId === mode.departmentId,
      )
      if (!department || !counterparty) return null
      return renderPledgeText(template.kind, template.content, {
        enterprise: counterparty.name,
        department: department.organisationName,
      })
    }
    return null
  }, [loaded, me.status, memberships, mode, departmentId, counterparty, userName])

  useEffect(() => setRead(false), [text])

  // A text shorter than its box needs no scrolling: it counts as read once laid out.
  useEffect(() => {
    if (!text) return
    const timer = setTimeout(() => {
      // Taro's H5 query looks in the top page: skip while another page (login, on a link opened signed out) is on top.
      const pages = Taro.getCurrentPages()
      const top = pages[pages.length - 1]?.route
      if (top && !top.includes('pledges/pages/sign')) return
      Taro.createSelectorQuery()
        .select('#pl-text-view')
        .boundingClientRect()
        .select('#pl-text-content')
        .boundingClientRect()
        .exec((res: ({ height: number } | null)[]) => {
          const [view, content] = res
          if (view && content && content.height <= view.height + 2) setRead(true)
        })
    }, 300)
    return () => clearTimeout(timer)
  }, [text])

  if (!session) return <View className="page" />
  if (mode.kind === 'invalid') return <InvalidLink />

  const pledge = loaded?.pledge ?? null
  const kind: TPledgeKind =
    pledge?.kind ?? (mode.kind === 'enterprise' ? mode.pledgeKind : 'government_business')
  const title = pledge?.title ?? loaded?.template?.content.title ?? PLEDGE_KIND_LABELS[kind]

  async function lookUp() {
    if (mode.kind !== 'department') return
    setLookupError(null)
    setCounterparty(null)
    try {
      setCounterparty(await findCounterparty(mode.departmentId, creditCode.trim().toUpperCase()))
    } catch (err) {
      setLookupError(
        err instanceof Error && /不存在/.test(err.message)
          ? '没有找到该统一社会信用代码的企业'
          : err instanceof Error
            ? err.message
            : '查找失败',
      )
    }
  }

  async function confirm() {
    if (!text || busy) return
    if (!read) return void Taro.showToast({ title: '请先阅读承诺书至末尾', icon: 'none' })
    const png = await pad.current?.read().catch(() => null)
    if (!png) return void Taro.showToast({ title: '请先在签名区手写签名', icon: 'none' })
    const answer = await showModal({
      title: '确认签署',
      content: '签署后将记录承诺书正文与签名的哈希、签署时间，不能修改或删除。',
      confirmText: '确认签署',
      cancelText: '再看看',
    })
    if (!answer.confirm) return
    setRefusal(null)
    await whileBusy(async () => {
      const entry = pledge
        ? queueCountersign(pledge, png)
        : queueSignPledge({
            via:
              mode.kind === 'department'
                ? { kind: 'department', departmentId: mode.departmentId, enterpriseId: counterparty!.id }
                : {
                    kind: 'enterprise',
                    enterpriseId: (mode as { enterpriseId: number }).enterpriseId,
                    ...(kind === 'government_business' && departmentId ? { departmentId } : {}),
                  },
            templateId: loaded!.template!.id,
            text,
            signaturePng: png,
            ...(kind === 'government_business'
              ? { dealingVersionIds: loaded!.dealings.map((d) => d.id) }
              : {}),
            label: `签署${title}`,
          })
      const outcome = await write(entry, {
        done: '签署成功',
        onRefused: setRefusal,
        keepRefused: true,
        waitMs: 15_000,
      })
      if (outcome.kind === 'delivered') {
        const done = ZPledge.safeParse(outcome.response?.data)
        if (done.success) await Taro.redirectTo({ url: pledgePages.certificate(done.data.id) })
        else await Taro.redirectTo({ url: pledgePages.list() })
      } else if (outcome.kind === 'queued') {
        await goBack()
      }
    })
  }

  const side = pledge ? (pledge.startedBy.side === 'enterprise' ? 'department' : 'enterprise') : null
  return (
    <RemotePage
      className="page--actions pledge-sign"
      state={state}
      reload={reload}
      actions={
        text && (!pledge || pledge.canCountersign) ? (
          <ActionBar>
            <Button fill="outline" disabled={!signed} onClick={() => pad.current?.clear()}>
              清除重签
            </Button>
            <Button
              type="primary"
              loading={busy}
              disabled={!read || !signed || busy}
              onClick={() => void confirm()}
            >
              确认签署
            </Button>
          </ActionBar>
        ) : null
      }
    >
      {loaded ? (
        <View className="a-card">
          <Text className="a-card__title">{title}</Text>
          {pledge ? (
            <Text className="a-card__subtitle">
              {pledge.department?.name} ↔ {pledge.enterprise.name} · {pledge.startedBy.name}已签署，请
              {side ? PLEDGE_SIDE_LABELS[side] : ''}签署
            </Text>
          ) : (
            <Text className="a-card__subtitle">
              第 {loaded.template?.version ?? '-'} 版 · 签署人：{userName}
            </Text>
          )}
          {pledge && !pledge.canCountersign ? (
            <View className="a-notice a-notice--error">
              {pledge.status === 'pending'
                ? '您不是这份承诺的对方签署人：只有承诺书所列单位的负责人或党员干部可以签署。'
                : '这份承诺已不在待签署状态。'}
            </View>
          ) : null}
        </View>
      ) : null}

      {loaded && kind === 'government_business' ? (
        <DealingsBasis refs={loaded.dealings} signing={!pledge} />
      ) : null}

      {loaded && mode.kind === 'enterprise' && kind === 'government_business' ? (
        <View className="a-card">
          <Text className="a-card__title">选择党员干部所在部门</Text>
          <View className="pl-choice">
            {loaded.departments.map((d) => (
              <Text
                key={d.id}
                className={`pl-choice__item${d.id === departmentId ? ' pl-choice__item--active' : ''}`}
                onClick={() => setDepartmentId(d.id)}
              >
                {d.id === departmentId ? '● ' : '○ '}
                {d.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {loaded && mode.kind === 'department' ? (
        <View className="a-card">
          <Text className="a-card__title">对方企业</Text>
          <Text className="a-card__subtitle">输入企业的统一社会信用代码（18位）</Text>
          <Input
            className="pledge-sign__code"
            value={creditCode}
            maxLength={18}
            placeholder="统一社会信用代码"
            onChange={(v) => setCreditCode(v)}
          />
          <Button
            size="small"
            type="primary"
            fill="outline"
            disabled={creditCode.trim().length !== 18}
            onClick={() => void lookUp()}
          >
            查找企业
          </Button>
          {counterparty ? <Text className="pl-read pl-read--done">{counterparty.name}</Text> : null}
          {lookupError ? <Text className="pl-read">{lookupError}</Text> : null}
        </View>
      ) : null}

      {text ? (
        <>
          {/* The id is on a frame: Taro's React ScrollView (H5) does not render an id. */}
          <View id="pl-text-view" className="pl-text-frame">
            <ScrollView
              className="pl-text"
              scrollY
              lowerThreshold={40}
              onScrollToLower={() => setRead(true)}
              onScroll={(e) => {
                const { scrollTop, scrollHeight } = e.detail as { scrollTop: number; scrollHeight: number }
                if (scrollHeight > 0 && scrollTop > 0 && scrollTop >= scrollHeight * 0.5) {
                  // Checked precisely against the box on the way down.
                  Taro.createSelectorQuery()
                    .select('#pl-text-view')
                    .boundingClientRect()
                    .exec((res: ({ height: number } | null)[]) => {
                      if (res[0] && scrollTop + res[0].height >= scrollHeight - 40) setRead(true)
                    })
                }
              }}
            >
              <View id="pl-text-content">
                {text.split('\n').map((line, i) =>
                  i === 0 ? (
                    <Text key={i} className="pl-text__title">
                      {line}
                    </Text>
                  ) : (
                    <Text key={i} className="pl-text__line">
                      {line || ' '}
                    </Text>
                  ),
                )}
                <Text className="pl-text__end">— 正文完 —</Text>
              </View>
            </ScrollView>
          </View>
          <Text className={`pl-read${read ? ' pl-read--done' : ''}`}>
            {read ? '✓ 已阅读至末尾，请在下方签名' : '请向上滑动，阅读承诺书至末尾后签名'}
          </Text>
          <View className={`pl-pad-box${read ? '' : ' pl-pad-box--locked'}`}>
            <Text className="pl-pad-box__hint">手写签名（请在框内签写姓名）</Text>
            <SignaturePad ref={pad} onChange={setSigned} />
          </View>
          <ErrorNotice message={refusal} />
        </>
      ) : null}
    </RemotePage>
  )
}
