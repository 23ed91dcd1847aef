import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { TMembership } from '@/models/org'
import { ZEnterprise } from '@/models/org'
import {
  PLEDGE_KIND_LABELS,
  PLEDGE_SIGNER_LABELS,
  SOE_LEADER_OWNERSHIPS,
  type TPledgeKind,
  type TPledgeSummary,
  type TPledgeTodo,
} from '@/models/pledge'
import { fetchMyPledges, fetchPledgeTodo } from '@/services/pledges'
import { request } from '@/services/request'
import { EmptyBox } from '@/components/EmptyImage'
import { formatDateTime } from '@/models/format'
import { shanghaiYear } from '@/models/shanghaiTime'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { enterprisesOf } from '@/models/memberships'
import { pledgePages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { PledgeStatusTag } from '@/packages/pledges/components/PledgeStatusTag'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'

const go = (url: string) => void Taro.navigateTo({ url })

interface Offer {
  key: string
  title: string
  description: string
  url: string
  /** A pledge signed once a year: its kind and enterprise, to find this year's signing. */
  yearly?: { kind: TPledgeKind; enterpriseId: number }
}

/**
 * This 北京时间 year's effective pledge of the kind for the enterprise, if any: the server takes one a year,
 * per signer (the enterprise's own pledge: per enterprise).
 */
function signedThisYear(
  pledges: TPledgeSummary[],
  yearly: Offer['yearly'],
  userId: number,
): TPledgeSummary | undefined {
  if (!yearly) return undefined
  const year = shanghaiYear(Date.now())
  return pledges.find(
    (p) =>
      p.kind === yearly.kind &&
      p.enterprise.id === yearly.enterpriseId &&
      (p.kind === 'enterprise' || p.startedBy.userId === userId) &&
      p.status === 'effective' &&
      p.effectiveAt !== null &&
      shanghaiYear(Date.parse(p.effectiveAt)) === year,
  )
}

/** What this user may sign, from the roles held (the server checks each signing again). */
async function offersFor(memberships: TMembership[]): Promise<Offer[]> {
  const offers: Offer[] = []
  const enterprises = enterprisesOf(memberships)
  const several = enterprises.length > 1
  for (const e of enterprises) {
    const at = several ? ` · ${e.name}` : ''
    offers.push({
      key: `p${e.id}`,
      title: PLEDGE_KIND_LABELS.personal,
      description: `${PLEDGE_SIGNER_LABELS.personal}每年签署${at}`,
      url: pledgePages.sign('personal', { eid: e.id }),
      yearly: { kind: 'personal', enterpriseId: e.id },
    })
    if (!e.roles.includes('head')) continue
    offers.push({
      key: `e${e.id}`,
      title: PLEDGE_KIND_LABELS.enterprise,
      description: `不行贿、不欠薪、不逃税、不侵权 · 由企业负责人签署${at}`,
      url: pledgePages.sign('enterprise', { eid: e.id }),
      yearly: { kind: 'enterprise', enterpriseId: e.id },
    })
    const enterprise = await request({ path: `/api/v1/enterprises/${e.id}`, schema: ZEnterprise }).catch(
      () => null,
    )
    if (enterprise && (SOE_LEADER_OWNERSHIPS as readonly string[]).includes(enterprise.ownership))
      offers.push({
        key: `s${e.id}`,
        title: PLEDGE_KIND_LABELS.soe_leader,
        description: `国有独资、国有控股企业领导人员签署${at}`,
        url: pledgePages.sign('soe_leader', { eid: e.id }),
        yearly: { kind: 'soe_leader', enterpriseId: e.id },
      })
    offers.push({
      key: `g${e.id}`,
      title: `发起${PLEDGE_KIND_LABELS.government_business}`,
      description: `选择党员干部所在部门，本方先签，再请对方签署${at}`,
      url: pledgePages.sign('government_business', { eid: e.id }),
    })
  }
  for (const m of memberships) {
    if (m.status !== 'approved' || m.organisationKind !== 'department' || m.role !== 'official') continue
    offers.push({
      key: `d${m.organisationId}`,
      title: `发起${PLEDGE_KIND_LABELS.government_business}`,
      description: `以${m.organisationName}党员干部身份，与企业负责人双边承诺`,
      url: pledgePages.sign('government_business', { did: m.organisationId }),
    })
  }
  return offers
}

function PledgeCard({ p }: { p: TPledgeSummary }) {
  const parties = p.department ? `${p.department.name} ↔ ${p.enterprise.name}` : p.enterprise.name
  return (
    <View className="a-card pl-item" onClick={() => go(pledgePages.certificate(p.id))}>
      <View className="pl-card-head">
        <Text className="a-card__title">{p.title}</Text>
        <PledgeStatusTag status={p.status} />
      </View>
      <Text className="a-card__subtitle">{parties}</Text>
      <Text className="a-card__subtitle">
        {p.effectiveAt ? `生效 ${formatDateTime(p.effectiveAt)}` : `发起 ${formatDateTime(p.createdAt)}`} ·
        {/* one-sided pledges have one signer; a 政商 pledge is started by one side */}
        {p.kind === 'government_business' ? '发起人' : '签署人'} {p.startedBy.name}
      </Text>
      {p.canCountersign ? <Text className="pl-read">待您签署 ›</Text> : null}
    </View>
  )
}

function Todo({ todo }: { todo: TPledgeTodo }) {
  if (todo.personal.length === 0 && todo.countersign.length === 0) return null
  return (
    <View className="a-notice">
      <Text className="a-notice__title">待办</Text>
      {todo.personal.map((t) => (
        <View
          key={`p${t.enterpriseId}`}
          className="a-notice__item"
          onClick={() => go(pledgePages.sign('personal', { eid: t.enterpriseId }))}
        >
          <View className="a-notice__item-head">
            <Text>签署本年度个人廉洁从业承诺书</Text>
            <Text className="a-notice__item-go">去签署 ›</Text>
          </View>
          <Text className="a-notice__item-text">
            {t.enterpriseName}
            {t.remindedAt ? ` · 联络员已于 ${formatDateTime(t.remindedAt)} 提醒` : ''}
          </Text>
        </View>
      ))}
      {todo.countersign.map((p) => (
        <View key={`c${p.id}`} className="a-notice__item" onClick={() => go(pledgePages.countersign(p.id))}>
          <View className="a-notice__item-head">
            <Text>{p.title}待您签署</Text>
            <Text className="a-notice__item-go">去签署 ›</Text>
          </View>
          <Text className="a-notice__item-text">
            {p.startedBy.name}（{p.startedBy.side === 'enterprise' ? p.enterprise.name : p.department?.name}
            ）已签署
          </Text>
        </View>
      ))}
    </View>
  )
}

export default function PledgeListPage() {
  const session = useRequireSession()
  const { state: me } = useMe(session?.user.id ?? null)
  const memberships = me.status === 'ready' ? me.me.memberships : null
  const { state, reload } = useRemote(session ? 'pledges' : null, async () => {
    const [pledges, todo] = await Promise.all([fetchMyPledges(), fetchPledgeTodo()])
    return { pledges, todo }
  })
  const offers = useRemote(
    memberships ? `offers:${JSON.stringify(memberships.map((m) => m.id))}` : null,
    () => offersFor(memberships ?? []),
  )
  usePullRefresh(reload)

  if (!session) return <View className="page" />
  const approved = (memberships ?? []).filter((m) => m.status === 'approved')
  const liaisonOf = approved.filter((m) => m.organisationKind === 'enterprise' && m.role === 'liaison')
  const supervises = approved.some(
    (m) => m.organisationKind === 'department' && (m.role === 'supervisor' || m.role === 'office'),
  )
  const office = approved.some((m) => m.organisationKind === 'department' && m.role === 'office')

  return (
    <View className="page pledge-list">
      <View className="page__body">
        <OutboxNotice />
        {state.status === 'ready' ? <Todo todo={state.data.todo} /> : null}
        {offers.state.status === 'ready' && offers.state.data.length > 0 ? (
          <CellGroup title="签署承诺" className="pledge-list__offers">
            {offers.state.data.map((o) => {
              // Signed this year: its certificate, not a signing the server would refuse.
              const signed =
                state.status === 'ready'
                  ? signedThisYear(state.data.pledges, o.yearly, session.user.id)
                  : undefined
              return (
                <Cell
                  key={o.key}
                  className="pledge-list__offer"
                  title={o.title}
                  description={signed ? '本年度已签署，点击查看承诺书' : o.description}
                  extra={signed ? '已签署' : '签署'}
                  clickable
                  onClick={() => go(signed ? pledgePages.certificate(signed.id) : o.url)}
                />
              )
            })}
          </CellGroup>
        ) : null}
        <View className="pl-links">
          {liaisonOf.map((m) => (
            <Text
              key={m.organisationId}
              className="pl-links__item"
              onClick={() => go(pledgePages.coverage(m.organisationId))}
            >
              {liaisonOf.length > 1 ? `${m.organisationName} ` : ''}职工签署情况
            </Text>
          ))}
          {supervises ? (
            <Text className="pl-links__item" onClick={() => go(pledgePages.supervision())}>
              承诺覆盖情况
            </Text>
          ) : null}
          {office ? (
            <Text className="pl-links__item" onClick={() => go(pledgePages.templates())}>
              承诺书模板
            </Text>
          ) : null}
          <Text className="pl-links__item" onClick={() => go(pledgePages.verify())}>
            核验承诺
          </Text>
        </View>
        <Heading text="我的承诺" />
        <PageState state={state} reload={reload} />
        {state.status === 'ready' ? state.data.pledges.map((p) => <PledgeCard key={p.id} p={p} />) : null}
        {state.status === 'ready' && state.data.pledges.length === 0 ? (
          <EmptyBox
            title="还没有签署的承诺"
            description={
              // 监管员 and 办公室 sign none: the signers are enterprises' people and a department's 党员干部.
              offers.state.status === 'ready' && offers.state.data.length === 0 && supervises
                ? '承诺由企业职工、企业负责人和党员干部签署；所监管企业的签署情况请看“承诺覆盖情况”'
                : '签署后的承诺书与核验码将显示在这里'
            }
          />
        ) : null}
      </View>
    </View>
  )
}
