/** Pages of the 自查自评 and 监管 subpackages (app.config.ts), with their query parameters. */
import type { TWorklist } from '@/models/worklists'
const A = '/packages/assessment/pages'
const S = '/packages/supervision/pages'

export const assessmentPages = {
  list: (eid: number) => `${A}/list/index?eid=${eid}`,
  overview: (eid: number, aid: number) => `${A}/overview/index?eid=${eid}&aid=${aid}`,
  item: (eid: number, aid: number, code?: string) =>
    `${A}/item/index?eid=${eid}&aid=${aid}${code ? `&code=${encodeURIComponent(code)}` : ''}`,
  review: (eid: number, aid: number) => `${A}/review/index?eid=${eid}&aid=${aid}`,
  result: (eid: number, aid: number) => `${A}/result/index?eid=${eid}&aid=${aid}`,
  rectifications: (eid: number) => `${A}/rectifications/index?eid=${eid}`,
  rectification: (eid: number, rid: number) => `${A}/rectification/index?eid=${eid}&rid=${rid}`,
}

export const supervisionPages = {
  overview: () => `${S}/overview/index`,
  /** The enterprises behind a figure of 监管总览: its filters as the list route takes them. */
  enterprises: (filter: Record<string, string | number | undefined>) => {
    const query = Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')
    return `${S}/enterprises/index${query ? `?${query}` : ''}`
  },
  /** One enterprise's page (profile, assessments, 整改, 三会一课, pledges, attendance). */
  enterprise: (eid: number) => `${S}/enterprise/index?enterpriseId=${eid}`,
  review: (eid: number, aid: number) => `${S}/review/index?eid=${eid}&aid=${aid}`,
  /** 自查期次 (office): list and 发起新一期. */
  campaigns: () => `${S}/campaigns/index`,
  /** 下发整改通知 to one enterprise. */
  notice: (eid: number, name: string) => `${S}/notice/index?eid=${eid}&name=${encodeURIComponent(name)}`,
  /** 工作清单: 逾期整改, 待核验, 待审核, 未提交自查, with 催办. */
  worklists: (list?: TWorklist) => `${S}/worklists/index${list ? `?list=${list}` : ''}`,
  /** 督查专报: the list and 生成. */
  reports: () => `${S}/reports/index`,
  /** One 督查专报: its text (editable while a draft), figures, 定稿 and .docx. */
  report: (id: number) => `${S}/report/index?id=${id}`,
  /** 示范选树 (office): the rounds, one round's candidates side by side, and the public 公示 (no login). */
  exemplars: () => `${S}/exemplars/index`,
  exemplarRound: (roundId: number) => `${S}/exemplarRound/index?roundId=${roundId}`,
  exemplarNotice: (code: string) => `${S}/exemplarNotice/index?code=${encodeURIComponent(code)}`,
}

const R = '/packages/risks/pages'

/** 廉洁风险点 (tasks 7, 13): an enterprise's register, one risk, and the form (new, or `rid` to edit). */
export const riskPages = {
  list: (eid: number) => `${R}/list/index?eid=${eid}`,
  detail: (eid: number, rid: number) => `${R}/detail/index?eid=${eid}&rid=${rid}`,
  edit: (eid: number, rid?: number, starter?: string) =>
    `${R}/edit/index?eid=${eid}${rid ? `&rid=${rid}` : ''}${starter ? `&starter=${starter}` : ''}`,
}

const SP = '/packages/specials/pages'

/**
 * 专项整治 (task 13): the supervisors' list (or an enterprise's, `eid`), one 专项整治 with its completion,
 * one enterprise's 突出问题清单 (`issuer` when the issuer drills into it), one problem (new without `pid`),
 * and the form that opens one.
 */
export const specialPages = {
  list: (eid?: number) => `${SP}/list/index${eid ? `?eid=${eid}` : ''}`,
  detail: (sid: number) => `${SP}/detail/index?sid=${sid}`,
  sheet: (eid: number, sid: number, issuer = false) =>
    `${SP}/sheet/index?eid=${eid}&sid=${sid}${issuer ? '&issuer=1' : ''}`,
  problem: (eid: number, sid: number, pid?: number) =>
    `${SP}/problem/index?eid=${eid}&sid=${sid}${pid ? `&pid=${pid}` : ''}`,
  create: () => `${SP}/create/index`,
}

const PW = '/packages/powers/pages'

/** “一把手”权力清单 and the “三重一大” log of a 国企 (task 12); `did` opens one decision, none a new one. */
export const powerPages = {
  list: (eid: number) => `${PW}/list/index?eid=${eid}`,
  decisions: (eid: number) => `${PW}/decisions/index?eid=${eid}`,
  decision: (eid: number, did?: number) => `${PW}/decision/index?eid=${eid}${did ? `&did=${did}` : ''}`,
}

const QZ = '/packages/quiz/pages'

/**
 * 廉政知识竞赛, the office's pages (task 11): 竞赛管理 (the 竞赛 with 提前结束), 新建竞赛, 题库 and one
 * question (new without `id`).
 */
export const quizOfficePages = {
  manage: () => `${QZ}/manage/index`,
  create: () => `${QZ}/create/index`,
  bank: () => `${QZ}/bank/index`,
  question: (id?: number) => `${QZ}/question/index${id ? `?id=${id}` : ''}`,
}

/** A positive integer id from a page parameter, or null. */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

const E = '/packages/events/pages'

export const eventPages = {
  list: () => `${E}/list/index`,
  detail: (eventId: number) => `${E}/detail/index?eventId=${eventId}`,
  qr: (eventId: number) => `${E}/qr/index?eventId=${eventId}`,
  /** The organiser's 签到名单: 已签到 (`signed`) or 未签到 (`absent`), paged. */
  attendance: (eventId: number, tab: 'signed' | 'absent' = 'signed') =>
    `${E}/attendance/index?eventId=${eventId}&tab=${tab}`,
  /** 扫码签到; with an event (from its detail page) the position is taken first when it has a place. */
  signIn: (eventId?: number) => `${E}/signin/index${eventId ? `?eventId=${eventId}` : ''}`,
  screen: (token: string) => `${E}/screen/index?token=${encodeURIComponent(token)}`,
  create: () => `${E}/create/index`,
  /** 修改活动: the create page with the event's fields (organisers). */
  edit: (eventId: number) => `${E}/create/index?eventId=${eventId}`,
  /** 活动到会率 of one enterprise. */
  rate: (enterpriseId: number) => `${E}/rate/index?enterpriseId=${enterpriseId}`,
}

const P = '/packages/party/pages'

/** 三会一课 (subpackage packages/party). `eid` + `bid` name the branch; without them, the user's own. */
export const partyPages = {
  calendar: (eid?: number, bid?: number) =>
    `${P}/calendar/index${eid && bid ? `?eid=${eid}&bid=${bid}` : ''}`,
  /** A new record (of `type`, from the last one of that type) or, with `mid`, a change to one. */
  edit: (eid: number, bid: number, opts: { mid?: number; type?: string; groupId?: number | null }) =>
    `${P}/edit/index?eid=${eid}&bid=${bid}${opts.mid ? `&mid=${opts.mid}` : ''}${opts.type ? `&type=${opts.type}` : ''}${opts.groupId ? `&groupId=${opts.groupId}` : ''}`,
  detail: (eid: number, bid: number, mid: number) => `${P}/detail/index?eid=${eid}&bid=${bid}&mid=${mid}`,
  supervision: () => `${P}/supervision/index`,
  roll: (eid: number, bid: number) => `${P}/roll/index?eid=${eid}&bid=${bid}`,
}

const PL = '/packages/pledges/pages'

export const pledgePages = {
  list: () => `${PL}/list/index`,
  /** Sign a one-sided pledge or start a 政商 pledge (kind, and the enterprise or the department it goes through). */
  sign: (kind: string, via: { eid: number } | { did: number }) =>
    `${PL}/sign/index?kind=${kind}&${'eid' in via ? `eid=${via.eid}` : `did=${via.did}`}`,
  countersign: (pledgeId: number) => `${PL}/sign/index?pid=${pledgeId}`,
  certificate: (pledgeId: number) => `${PL}/certificate/index?id=${pledgeId}`,
  verify: (code?: string) => `${PL}/verify/index${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  coverage: (eid: number) => `${PL}/coverage/index?eid=${eid}`,
  supervision: () => `${PL}/supervision/index`,
  templates: () => `${PL}/templates/index`,
}

const O = '/packages/org/pages'

/** 成员管理 of an enterprise (its liaison; the office, `as=office`, invites its liaison and decides requests). */
export const orgPages = {
  /** `name`: the enterprise's, shown on the page (the office decides for many enterprises). */
  members: (eid: number, asOffice = false, name?: string) =>
    `${O}/members/index?eid=${eid}${asOffice ? '&as=office' : ''}${name ? `&name=${encodeURIComponent(name)}` : ''}`,
  /** 监管部门 (the office). */
  departments: () => `${O}/departments/index`,
  /** The county-wide 领导小组与实施方案完成期限 (the office). */
  countyDeadline: () => `${O}/deadline/index`,
  /** 实施步骤 milestones of an enterprise: 领导小组 and 实施方案 (liaison, its supervisors, the office). */
  milestones: (eid: number) => `${O}/milestones/index?eid=${eid}`,
  /** 操作日志 (the office). */
  audit: () => `${O}/audit/index`,
  /** 部门人员 of one department (the office). */
  staff: (did: number, name: string, isOffice = false) =>
    `${O}/staff/index?did=${did}&name=${encodeURIComponent(name)}${isOffice ? '&office=1' : ''}`,
  /** 加入 with an invite code, or 管理员码 (opened from a scanned link: `q`, or from the app: kind + code). */
  join: (link?: { kind: 'invite' | 'admin'; code: string }) =>
    `${O}/join/index${link ? `?kind=${link.kind}&code=${encodeURIComponent(link.code)}` : ''}`,
  /** 加入企业 (`invite`) or 管理员码 (`admin`): the code typed in. */
  code: (kind: 'invite' | 'admin') => `${O}/code/index?kind=${kind}`,
  /** 编辑资料: the signed-in user's name and phone. */
  profile: () => `${O}/profile/index`,
  /** 登记企业 (the office): one enterprise by hand, then its liaison's invite. */
  register: () => `${O}/register/index`,
  /** 企业批量导入 (the office); with `id`, that import's progress and preview. */
  import: (id?: number) => `${O}/import/index${id ? `?id=${id}` : ''}`,
}

const D = '/packages/dealings/pages'

/** 政商交往清单 (task 10): the three lists (a `versionId` shows that version), and the publishers' form. */
export const dealingsPages = {
  lists: (versionId?: number) => `${D}/lists/index${versionId ? `?versionId=${versionId}` : ''}`,
  /** A new draft of `kind`, or the draft `versionId`. */
  edit: (target: { kind: string } | { versionId: number }) =>
    'kind' in target
      ? `${D}/edit/index?kind=${target.kind}`
      : `${D}/edit/index?versionId=${target.versionId}`,
}

const Q = '/packages/quiz/pages'

/** 廉政知识竞赛 (task 11): the 竞赛 list, a paper being answered, its result, 练习 and the leaderboards. */
export const quizPages = {
  list: () => `${Q}/list/index`,
  paper: (paperId: number) => `${Q}/paper/index?id=${paperId}`,
  result: (paperId: number) => `${Q}/result/index?id=${paperId}`,
  /** 练习: `task` a topic of the programme (1-15, G, S, R), none for the whole bank. */
  practice: (task?: string | number) => `${Q}/practice/index${task ? `?task=${task}` : ''}`,
  leaderboard: (quizId: number) => `${Q}/leaderboard/index?id=${quizId}`,
  /** The office's pages (新建竞赛, 题库). */
  create: () => `${Q}/create/index`,
  bank: () => `${Q}/bank/index`,
}
