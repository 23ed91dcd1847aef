import type { TPledgeKind, TPledgeTemplateContentInput } from '../../src/models/pledge'

/**
 * Pledge templates, version 1, composed from 《县清廉企业建设实施方案》 (shared/seed/000_….txt) and nothing
 * else: every clause carries a phrase copied character for character from the task it cites (`basis`),
 * and its text contains that phrase (a unit test checks both). Connecting words (本人 / 本企业 / 承诺 …)
 * are the only additions. Placeholders: {{signer}}, {{enterprise}}, {{department}}.
 *
 * - 个人廉洁从业承诺书: any employee (tasks 2, 5, 8, 9; 主要目标).
 * - 企业诚信守法经营承诺书: signed by the enterprise head (tasks 5, 8, 14: 不行贿、不欠薪、不逃税、不侵权).
 * - 国有企业领导人员廉洁从业承诺书: leaders of 国有 / 国有控股 enterprises (tasks 4, 5, 12; 工作要求（一）3).
 * - 政商双边清廉承诺书: a department's 党员干部 and the enterprise head (task 10: 探索党员干部、企业双边清廉承诺).
 *
 * Editing a template means publishing a new version (POST /api/v1/pledge-templates); signed pledges keep
 * the version and the exact text they were signed on.
 */
export const PLEDGE_TEMPLATES_V1_VERSION = 1

export const PLEDGE_TEMPLATES_V1: Record<TPledgeKind, TPledgeTemplateContentInput> = {
  personal: {
    title: '个人廉洁从业承诺书',
    preamble: '本人{{signer}}，系{{enterprise}}职工，郑重承诺：',
    clauses: [
      {
        text: '在企业大力弘扬忠诚老实、公道正派、实事求是、清正廉洁的价值观，严守“不敢腐、不能腐、不想腐”的要求。',
        basis: { ref: '任务2', quote: '忠诚老实、公道正派、实事求是、清正廉洁的价值观' },
      },
      {
        text: '积极落实廉洁职业操守，自觉把诚信经营、诚信服务、廉洁自律理念化为自觉行动。',
        basis: { ref: '任务5', quote: '自觉把诚信经营、诚信服务、廉洁自律理念化为自觉行动' },
      },
      {
        text: '把廉洁从业的要求融入岗位职责，筑牢“不想腐”的思想防线。',
        basis: { ref: '任务9', quote: '把廉洁从业的要求融入岗位职责' },
      },
      {
        text: '遵守商业道德、保护劳动者合法权益、保护生态环境，做到诚信经营。',
        basis: { ref: '任务8', quote: '遵守商业道德、保护劳动者合法权益、保护生态环境，做到诚信经营' },
      },
      {
        text: '依法经营、诚实守信、廉洁从业，以清为美、以廉为荣。',
        basis: { ref: '总体要求（二）', quote: '依法经营、诚实守信、廉洁从业' },
      },
    ],
    closing: '承诺人：{{signer}}',
  },
  enterprise: {
    title: '企业诚信守法经营承诺书',
    preamble: '{{enterprise}}郑重承诺：',
    clauses: [
      {
        text: '诚信、守法、廉洁是企业经营之本，发展之基，本企业树立正确的经营理念，规范企业廉洁从业行为。',
        basis: { ref: '任务5', quote: '诚信、守法、廉洁是企业经营之本，发展之基' },
      },
      {
        text: '守住不行贿、不欠薪、不逃税、不侵权的底线。',
        basis: { ref: '任务8', quote: '守住不行贿、不欠薪、不逃税、不侵权的底线' },
      },
      {
        text: '依法依规经营、守合同重信用，遵守商业道德、生产安全、劳动者权益保护、生态环境保护，自觉践行社会责任。',
        basis: { ref: '任务8', quote: '依法依规经营、守合同重信用' },
      },
      {
        text: '在生产经营、财务管理和劳动用工管理等各环节中强化行业自律，认真践行“知信、守信、用信”。',
        basis: { ref: '任务8', quote: '在生产经营、财务管理和劳动用工管理等各环节中强化行业自律' },
      },
      {
        text: '讲正气、走正道，做到聚精会神办企业、遵纪守法搞经营，在合法合规中提高企业竞争能力。',
        basis: { ref: '任务14', quote: '讲正气、走正道，做到聚精会神办企业、遵纪守法搞经营' },
      },
    ],
    closing:
      '本企业知悉：对不守诚信、不讲信用行为的企业和个人严厉处罚，实行守信联合激励和失信联合惩戒。\n企业负责人：{{signer}}',
  },
  soe_leader: {
    title: '国有企业领导人员廉洁从业承诺书',
    preamble: '本人{{signer}}，系{{enterprise}}领导人员，郑重承诺：',
    clauses: [
      {
        text: '严格执行《国有企业领导人员廉洁从业若干规定》，落实中央八项规定及其实施细则有关精神。',
        basis: {
          ref: '任务5',
          quote: '严格执行《国有企业领导人员廉洁从业若干规定》，落实中央八项规定及其实施细则有关精神',
        },
      },
      {
        text: '遵守合规经营投融资的有关规定，严禁新增政府隐性债务，严禁融资性贸易和虚假贸易。',
        basis: {
          ref: '任务5',
          quote: '遵守合规经营投融资的有关规定，严禁新增政府隐性债务，严禁融资性贸易和虚假贸易',
        },
      },
      {
        text: '遵守国企公务接待、消费行为要求，杜绝铺张浪费，保持勤俭节约、艰苦奋斗作风。',
        basis: {
          ref: '任务5',
          quote: '遵守国企公务接待、消费行为要求，杜绝铺张浪费，保持勤俭节约、艰苦奋斗作风',
        },
      },
      {
        text: '严格落实阳光决策、阳光交易、阳光建设、阳光采购等制度，执行“三重一大”事项决策机制，确保资金安全、项目安全、干部安全。',
        basis: { ref: '任务12', quote: '严格落实阳光决策、阳光交易、阳光建设、阳光采购等制度' },
      },
      {
        text: '做对党忠诚、勇于创新、治企有方、兴企有为、清正廉洁的国有企业家。',
        basis: { ref: '任务4', quote: '对党忠诚、勇于创新、治企有方、兴企有为、清正廉洁' },
      },
      {
        text: '落实班子领导“一岗双责”，自觉接受监督。',
        basis: { ref: '工作要求（一）3', quote: '班子领导“一岗双责”' },
      },
    ],
    closing: '承诺人：{{signer}}',
  },
  government_business: {
    title: '政商双边清廉承诺书',
    preamble:
      '为探索党员干部、企业双边清廉承诺，构建亲清政商关系，{{department}}党员干部与{{enterprise}}作出如下承诺：',
    clauses: [
      {
        party: 'both',
        text: '落实政商交往的正面清单、负面清单，明晰政商交往的界限、红线和底线。',
        basis: { ref: '任务10', quote: '明晰政商交往的界限、红线和底线' },
      },
      {
        party: 'both',
        text: '通过座谈会、挂钩联系、政企会商等方式沟通，构建政企共建清廉企业的良好氛围，营造良好的亲清政商环境。',
        basis: { ref: '任务10', quote: '构建政企共建清廉企业的良好氛围，营造良好的亲清政商环境' },
      },
      {
        party: 'department',
        text: '努力营造宽松健康的营商环境，保持畅通、务实、高效、阳光的沟通，畅通政企沟通渠道。',
        basis: { ref: '任务10', quote: '努力营造宽松健康的营商环境' },
      },
      {
        party: 'department',
        text: '精准对接，精准施策，帮助企业解决生产经营和项目建设中存在的困难和问题。',
        basis: { ref: '任务2', quote: '帮助企业解决生产经营和项目建设中存在的困难和问题' },
      },
      {
        party: 'enterprise',
        text: '守住不行贿、不欠薪、不逃税、不侵权的底线。',
        basis: { ref: '任务8', quote: '守住不行贿、不欠薪、不逃税、不侵权的底线' },
      },
      {
        party: 'enterprise',
        text: '讲正气、走正道，做到聚精会神办企业、遵纪守法搞经营。',
        basis: { ref: '任务14', quote: '讲正气、走正道，做到聚精会神办企业、遵纪守法搞经营' },
      },
    ],
    closing: '党员干部所在单位：{{department}}\n企业：{{enterprise}}',
  },
}
