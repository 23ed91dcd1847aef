import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Empty } from '@nutui/nutui-react-taro'
import type { TMembership } from '@/models/org'
import { formatToday } from '@/models/format'
import { MembershipList } from '@/components/MembershipList'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ErrorState, LoadingState } from '@/components/PageState'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { useTodos } from '@/hooks/useTodos'
import {
  enterprisesOf,
  isDepartmentOnly,
  isOffice,
  isReviewer,
  type EnterpriseAccess,
} from '@/models/memberships'
import {
  assessmentPages,
  eventPages,
  orgPages,
  partyPages,
  pledgePages,
  powerPages,
  riskPages,
  specialPages,
  dealingsPages,
  supervisionPages,
  quizOfficePages,
  quizPages,
} from '@/services/routes'
import { useSoeKept } from '@/hooks/useSoeKept'
import './index.scss'
import { EmptyImage } from '@/components/EmptyImage'

const go = (url: string) => void Taro.navigateTo({ url })

interface EntryProps {
  title: string
  description: string
  url: string
  className?: string
  extra?: string
}

/** One entry of the home page: a cell that opens a page. */
function Entry({ title, description, url, className, extra = '进入' }: EntryProps) {
  return (
    <Cell
      className={className ? `home__entry ${className}` : 'home__entry'}
      title={title}
      description={description}
      extra={extra}
      clickable
      onClick={() => go(url)}
    />
  )
}

const liaison = (e: EnterpriseAccess) => e.roles.includes('liaison')
const keeper = (e: EnterpriseAccess) => e.roles.includes('liaison') || e.roles.includes('head')

/**
 * The 工作台 entries kept per enterprise, in the order shown: each stands once for every enterprise
 * `of` picks, described by the enterprise's name when the user has several, else by `about`.
 */
const perEnterprise: {
  key: string
  title: string
  about: string
  url: (e: EnterpriseAccess) => string
  className?: string
  of?: (e: EnterpriseAccess, soe: number[]) => boolean
}[] = [
  {
    key: 'a',
    title: '自查自评',
    about: '清廉政治、经营、文化、监管四个方面逐项自查',
    url: (e) => assessmentPages.list(e.id),
  },
  {
    key: 'r',
    title: '整改事项',
    about: '自查发现问题的整改、报送与核验',
    url: (e) => assessmentPages.rectifications(e.id),
    of: liaison,
  },
  {
    key: 'k',
    className: 'home__risks',
    title: '廉洁风险点',
    about: '风险点台账、定期复核与防控措施',
    url: (e) => riskPages.list(e.id),
    of: keeper,
  },
  {
    key: 's',
    className: 'home__specials',
    title: '专项整治',
    about: '突出问题清单的填报与整改进展',
    url: (e) => specialPages.list(e.id),
    of: keeper,
  },
  {
    key: 'p',
    className: 'home__powers',
    title: '权力清单与“三重一大”',
    about: '“一把手”权力清单、负面清单和“三重一大”决策台账',
    url: (e) => powerPages.list(e.id),
    of: (e, soe) => soe.includes(e.id),
  },
  {
    key: 'm',
    title: '成员管理',
    about: '审核加入申请、生成邀请码、查看本企业成员',
    url: (e) => orgPages.members(e.id, false, e.name),
    of: liaison,
  },
  {
    key: 'ms',
    className: 'home__milestones',
    title: '领导小组与实施方案',
    about: '登记清廉建设工作领导小组，向监管部门报送本企业实施方案',
    url: (e) => orgPages.milestones(e.id),
    of: liaison,
  },
]

/** The county's entries: for a reviewer (监管部门), then for the office (县纪委) only. */
const forReviewer: EntryProps[] = [
  {
    className: 'home__party-supervision',
    title: '三会一课监管',
    description: '所监管企业党支部本月报送情况与完成率',
    url: partyPages.supervision(),
  },
  { title: '监管总览', description: '所监管企业的自查进度、得分与整改', url: supervisionPages.overview() },
  {
    className: 'home__worklists',
    title: '工作清单',
    description: '逾期整改、待核验、待审核、未提交自查，一键催办',
    url: supervisionPages.worklists(),
  },
  {
    className: 'home__specials-supervision',
    title: '专项整治',
    description: '开展专项整治，查看各企业突出问题清单的填报和整改',
    url: specialPages.list(),
  },
  {
    className: 'home__reports',
    title: '督查专报',
    description: '按监管总览数字生成督查专报，修改正文、定稿、下载 Word',
    url: supervisionPages.reports(),
  },
]
const forOffice: EntryProps[] = [
  {
    className: 'home__campaigns',
    title: '自查期次',
    description: '发起新一期全县自查，查看已发起的期次',
    url: supervisionPages.campaigns(),
  },
  {
    title: '监管部门',
    description: '新建、改名监管部门，按企业性质批量关联监管企业',
    url: orgPages.departments(),
  },
  {
    className: 'home__quiz-office',
    title: '知识竞赛管理',
    description: '维护廉政知识题库，新建竞赛，提前结束竞赛',
    url: quizOfficePages.manage(),
  },
  {
    className: 'home__audit',
    title: '操作日志',
    description: '按人员、单位、操作和日期查询每一次操作，导出 Excel',
    url: orgPages.audit(),
  },
]

/** 工作台: what this user's roles lead to (the server checks every request again). */
function Workbench({ memberships }: { memberships: TMembership[] }) {
  const enterprises = enterprisesOf(memberships)
  const reviewer = isReviewer(memberships)
  // 权力清单 and “三重一大” are a 国企's: the enterprises this user keeps them for (liaison or head).
  const soe = useSoeKept(enterprises)
  if (enterprises.length === 0 && !reviewer) return null
  const several = enterprises.length > 1
  return (
    <CellGroup title="工作台" className="home__workbench">
      {perEnterprise.map((d) =>
        enterprises
          .filter((e) => (d.of ? d.of(e, soe) : true))
          .map((e) => (
            <Entry
              key={`${d.key}${e.id}`}
              className={d.className}
              title={d.title}
              description={several ? e.name : d.about}
              url={d.url(e)}
            />
          )),
      )}
      {enterprises.some((e) =>
        e.roles.some((r) => r === 'branch_secretary' || r === 'liaison' || r === 'head'),
      ) ? (
        <Entry
          className="home__party"
          title="三会一课"
          description="支部会议记录、完成情况日历与到期提醒"
          url={partyPages.calendar()}
        />
      ) : null}
      {reviewer ? forReviewer.map((d) => <Entry key={d.url} {...d} />) : null}
      {isOffice(memberships) ? forOffice.map((d) => <Entry key={d.url} {...d} />) : null}
    </CellGroup>
  )
}

export default function HomePage() {
  const session = useRequireSession()
  const { state, reload } = useMe(session?.user.id ?? null)
  // Only for the 任务 badge: it shows from launch, not from the first visit to 任务.
  const { reload: reloadTodos } = useTodos(session?.user.id ?? null)

  usePullDownRefresh(() => {
    reloadTodos().catch(() => undefined)
    reload()
      .catch((err: unknown) => {
        void Taro.showToast({ title: err instanceof Error ? err.message : '刷新失败', icon: 'none' })
      })
      .finally(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="page" />
  const name = state.status === 'ready' ? state.me.user.name : session.user.name
  // An event's 参加对象 are enterprises: 监管员 / 办公室 / 党员干部 of no enterprise never scan in (as on 我的活动).
  const attends = !(state.status === 'ready' && isDepartmentOnly(state.me.memberships))

  return (
    <View className="page home">
      <View className="home__hero">
        <Text className="home__greeting">你好，{name}</Text>
        <Text className="home__date">{formatToday()}</Text>
      </View>
      <View className="page__body">
        <OutboxNotice />
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? (
          <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
        ) : null}
        <CellGroup title="清廉文化活动" className="home__events">
          {attends ? (
            <Entry
              className="home__scan"
              title="扫码签到"
              description="扫描活动现场的签到二维码"
              extra="扫码"
              url={eventPages.signIn()}
            />
          ) : null}
          <Entry title="我的活动" description="警示教育、廉政党课等活动与签到记录" url={eventPages.list()} />
          <Entry
            className="home__quiz"
            title="知识竞赛"
            description="廉政知识竞赛答题、排行榜和练习"
            url={quizPages.list()}
          />
          <Entry
            className="home__dealings"
            title="政商交往清单"
            description="政商交往正面清单、负面清单和清廉民企建设引导清单"
            url={dealingsPages.lists()}
          />
        </CellGroup>
        {state.status === 'ready' && state.me.memberships.some((m) => m.status === 'approved') ? (
          // One card, titled once by its entry (a group heading of the same words read as a second entry).
          <CellGroup className="home__pledges">
            <Entry
              title="廉洁承诺"
              description="个人廉洁从业、企业诚信守法经营、政商双边清廉承诺的签署与核验"
              url={pledgePages.list()}
            />
          </CellGroup>
        ) : null}
        {state.status === 'ready' ? <Workbench memberships={state.me.memberships} /> : null}
        {state.status === 'ready' && state.me.memberships.length > 0 ? (
          <MembershipList memberships={state.me.memberships} />
        ) : null}
        {state.status === 'ready' && state.me.memberships.length === 0 ? (
          <View className="home__empty">
            <Empty
              image={<EmptyImage />}
              title="还没有加入任何单位"
              description="企业职工向本企业联络员、监管部门人员向领导小组办公室索取 8 位邀请码，申请加入后由其审核。"
            />
            <Button type="primary" className="home__join" onClick={() => go(orgPages.code('invite'))}>
              加入企业
            </Button>
            {/* The county's first clerk has no one to ask: they hold the code printed at 开通. */}
            <Text className="home__admin-code" onClick={() => go(orgPages.code('admin'))}>
              开通本县系统的办公室人员：输入管理员码
            </Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
