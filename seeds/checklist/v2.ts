import {
  sectionOfTask,
  type TAnswerRules,
  type TChecklistItem,
  type TTaskRef,
} from '../../src/models/checklist'
import { SOE_LEADER_OWNERSHIPS, type TOwnership } from '../../src/models/org'
import { CHECKLIST_V1 } from './v1'
import { SENTENCES, TITLES } from './sentences'

/**
 * Self-assessment checklist, version 2: v1 re-read item by item against the programme (see README.md here).
 * Written as edits to v1 so that each change carries its reason (the list the county reviews):
 * CHANGED (same code, new wording / applicability / rules), REMOVED (code retired, never reused) and
 * ADDED (new codes after the task's last v1 code). Every item also carries the whole sentence around its
 * quote (sentences.ts) and its answer rules.
 */
export const CHECKLIST_V2_VERSION = 2

const ALL: TOwnership[] = ['state_owned', 'state_controlled', 'mixed', 'private', 'other']
const SOE: TOwnership[] = ['state_owned', 'state_controlled', 'mixed']
const NON_STATE: TOwnership[] = ['private', 'other']

type Edit = Partial<Omit<TChecklistItem, 'code' | 'section' | 'task' | 'rules'>> & { why: string }

export const CHANGED: Record<string, Edit> = {
  'T05-02': {
    applicability: { ownerships: [...SOE_LEADER_OWNERSHIPS], needsPartyOrg: false },
    why: '《国有企业领导人员廉洁从业若干规定》约束国有独资、国有控股企业领导人员；与“国有企业领导人员廉洁从业承诺书”同一规则（SOE_LEADER_OWNERSHIPS），混合所有制不适用',
  },
  'T06-01': {
    question: '是否把清廉企业建设与落实企业全面从严治党主体责任相结合？',
    why: '“与推动国企改革三年行动相结合”拆出为 T06-03，本项只问引文所述的第一个结合',
  },
  'T07-13': { why: '原文为“探索实行”：答“否”不生成整改，不要求说明' },
  'T08-04': {
    why: '“开展……等活动”由主管部门组织，企业参加与否不构成整改事项：答“否”不生成整改',
  },
  'T10-03': {
    question: '是否探索与党员干部签订双边清廉承诺？',
    evidence: { required: false, hint: '已签订的双边清廉承诺书（如有）' },
    why: '原文只说“探索”：不再问“是否签订”，不要求佐证，答“否”不生成整改',
  },
  'T11-04': {
    basis: { ref: '任务11', quote: '开展读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等活动' },
    question:
      '是否开展读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等清廉文化活动（开展其中任一项即可答“是”）？',
    evidence: { required: true, hint: '任一项活动的通知、照片或记录' },
    weight: 3,
    why: '原 T11-04～T11-07 把“等活动”中的单个例子各列为一项义务，合并为一项，开展任一项即可',
  },
  'T12-04': {
    applicability: { ownerships: SOE, needsPartyOrg: false },
    why: '该句位于任务12以国企为对象的部分（“一把手”、“三重一大”之间），民企不适用',
  },
  'T13-07': {
    applicability: { ownerships: SOE, needsPartyOrg: false },
    why: '该句位于任务13以国企为对象的部分，民企的对应义务是 T13-11（廉洁风险点排查）',
  },
  'S-05': { why: '“积极争创示范引领”属鼓励事项：答“否”不生成整改' },
  'S-07': { why: '“自选动作”原文为“鼓励大胆探索创新”：答“否”不生成整改' },
}

export const REMOVED: Record<string, string> = {
  'T11-05': '“廉政知识竞赛”只是“等活动”中的一个例子，并入 T11-04',
  'T11-06': '“廉政家访”只是“等活动”中的一个例子，并入 T11-04',
  'T11-07': '“廉政主题党课”只是“等活动”中的一个例子，并入 T11-04（其他活动无须党组织）',
}

interface NewItem {
  code: string
  task: TTaskRef
  quote: string
  question: string
  ownerships: TOwnership[]
  evidence: boolean
  hint: string
  weight: number
  why: string
}

export const ADDED: NewItem[] = [
  {
    code: 'T01-06',
    task: 1,
    quote: '确保党和国家的决策在企业得到贯彻和运用',
    question: '是否确保党和国家的决策在本企业得到贯彻和运用，推动企业发展沿着正确的方向前进？',
    ownerships: NON_STATE,
    evidence: false,
    hint: '贯彻落实有关决策部署的会议记录或工作记录',
    weight: 3,
    why: '任务1对各民营企业（不论有无党组织）的要求，补足无党组织民企的清廉政治项',
  },
  {
    code: 'T06-03',
    task: 6,
    quote: '与推动国企改革三年行动、企业自身发展相结合',
    question: '是否把清廉企业建设与推动国企改革三年行动、企业自身发展相结合？',
    ownerships: SOE,
    evidence: true,
    hint: '国企改革三年行动实施方案或台账中落实清廉建设的内容',
    weight: 3,
    why: '覆盖未被任何项引用的“国企改革三年行动”（任务6，各国有企业）',
  },
  {
    code: 'T10-04',
    task: 10,
    quote: '健全“一企一策”服务企业工作机制',
    question: '是否通过座谈会、挂钩联系、政企会商等渠道参与“一企一策”服务企业工作机制？',
    ownerships: ALL,
    evidence: false,
    hint: '座谈会、政企会商等的通知或记录',
    weight: 1,
    why: '覆盖“一企一策”（任务10）：该机制由党政部门健全，企业参与，答“否”不生成整改',
  },
  {
    code: 'T15-04',
    task: 15,
    quote: '坚持任务清单指引抓监督，全面压实政治责任',
    question: '是否对照清廉企业建设任务清单逐项落实并接受监督，压实政治责任？',
    ownerships: SOE,
    evidence: true,
    hint: '本企业清廉企业建设任务清单及落实台账',
    weight: 3,
    why: '覆盖“任务清单”（任务15，对国有企业的政治监督）',
  },
]

/** What the document only encourages or explores: 否 is an honest answer, not a 整改. */
export const ENCOURAGED = new Set(['T07-13', 'T08-04', 'T10-03', 'T10-04', 'S-05', 'S-07'])

/** Duties that bind every enterprise the item applies to (底线, 规定动作): 不适用 is never an answer. */
export const NA_NEVER = new Set([
  'T05-01',
  'T05-03',
  'T05-04',
  'T05-05',
  'T07-01',
  'T08-02',
  'T08-05',
  'T14-01',
  'T14-02',
  'T14-03',
  'T14-04',
  'S-01',
  'S-02',
  'S-03',
  'S-04',
  'S-06',
  'S-08',
  'R-03',
  'R-04',
  'R-05',
])

/** 否 / 部分 must say what is missing in at least this many characters. */
export const NOTE_MIN_LENGTH = 5

function rulesOf(code: string): TAnswerRules {
  const encouraged = ENCOURAGED.has(code)
  return {
    naAllowed: !NA_NEVER.has(code),
    noteFor: encouraged ? [] : ['partial', 'no'],
    noteMinLength: encouraged ? 0 : NOTE_MIN_LENGTH,
    evidenceFor: ['yes', 'partial'],
    rectifyOn: encouraged ? [] : ['partial', 'no'],
  }
}

function added(spec: NewItem): TChecklistItem {
  return {
    code: spec.code,
    section: sectionOfTask(spec.task),
    task: spec.task,
    question: spec.question,
    basis: { ref: `任务${spec.task}`, quote: spec.quote },
    applicability: { ownerships: spec.ownerships, needsPartyOrg: false },
    evidence: { required: spec.evidence, hint: spec.hint },
    weight: spec.weight,
  }
}

const TASK_ORDER: TTaskRef[] = [...Array.from({ length: 15 }, (_, i) => i + 1), 'S', 'R']

function withSentence(item: TChecklistItem): TChecklistItem {
  const { why: _why, ...edit } = CHANGED[item.code] ?? { why: '' }
  const merged = { ...item, ...edit }
  return {
    ...merged,
    basis: {
      ...merged.basis,
      sentence: SENTENCES[merged.basis.quote],
      title: TITLES[merged.basis.ref],
    },
    rules: rulesOf(item.code),
  }
}

export const CHECKLIST_V2: TChecklistItem[] = [
  ...CHECKLIST_V1.filter((i) => !(i.code in REMOVED)),
  ...ADDED.map(added),
]
  .map(withSentence)
  // Task order, then code: an added item follows its task's v1 items.
  .sort((a, b) => TASK_ORDER.indexOf(a.task) - TASK_ORDER.indexOf(b.task) || (a.code < b.code ? -1 : 1))
