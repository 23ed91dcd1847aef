export default defineAppConfig({
  // The first page opens on launch; it sends a user without a session to pages/login.
  pages: ['pages/home/index', 'pages/tasks/index', 'pages/mine/index', 'pages/login/index'],
  // One subpackage per domain: the main package keeps the tab pages and login only (2 MB limit).
  subPackages: [
    {
      root: 'packages/assessment',
      pages: [
        'pages/list/index',
        'pages/overview/index',
        'pages/item/index',
        'pages/review/index',
        'pages/result/index',
        'pages/rectifications/index',
        'pages/rectification/index',
      ],
    },
    {
      root: 'packages/events',
      pages: [
        'pages/list/index',
        'pages/detail/index',
        'pages/qr/index',
        'pages/signin/index',
        'pages/screen/index',
        'pages/create/index',
        'pages/rate/index',
        'pages/attendance/index',
      ],
    },
    {
      root: 'packages/party',
      pages: [
        'pages/calendar/index',
        'pages/edit/index',
        'pages/detail/index',
        'pages/supervision/index',
        'pages/roll/index',
      ],
    },
    {
      root: 'packages/pledges',
      pages: [
        'pages/list/index',
        'pages/sign/index',
        'pages/certificate/index',
        'pages/verify/index',
        'pages/coverage/index',
        'pages/supervision/index',
        'pages/templates/index',
      ],
    },
    {
      root: 'packages/org',
      pages: [
        'pages/members/index',
        'pages/departments/index',
        'pages/milestones/index',
        'pages/deadline/index',
        'pages/audit/index',
        'pages/staff/index',
        'pages/join/index',
        'pages/import/index',
        'pages/register/index',
        // 我的 and 首页's dialogs, as pages: their form code stays out of the main package.
        'pages/code/index',
        'pages/profile/index',
      ],
    },
    {
      root: 'packages/supervision',
      pages: [
        'pages/overview/index',
        'pages/enterprises/index',
        'pages/review/index',
        'pages/campaigns/index',
        'pages/notice/index',
        'pages/worklists/index',
        'pages/enterprise/index',
        'pages/reports/index',
        'pages/report/index',
        'pages/exemplars/index',
        'pages/exemplarRound/index',
        'pages/exemplarNotice/index',
      ],
    },
    {
      // 政商交往清单 (task 10): read by everyone, edited by the office, 县委统战部, 县工商联.
      root: 'packages/dealings',
      pages: ['pages/lists/index', 'pages/edit/index'],
    },
    {
      root: 'packages/risks',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/edit/index'],
    },
    {
      root: 'packages/specials',
      pages: [
        'pages/list/index',
        'pages/detail/index',
        'pages/sheet/index',
        'pages/problem/index',
        'pages/create/index',
      ],
    },
    {
      root: 'packages/powers',
      pages: ['pages/list/index', 'pages/decisions/index', 'pages/decision/index'],
    },
    {
      // 廉政知识竞赛 (task 11): taking a 竞赛 and 练习; the office's pages beside them.
      root: 'packages/quiz',
      pages: [
        'pages/list/index',
        'pages/paper/index',
        'pages/result/index',
        'pages/practice/index',
        'pages/leaderboard/index',
        'pages/manage/index',
        'pages/create/index',
        'pages/bank/index',
        'pages/question/index',
      ],
    },
  ],
  // 首页 and 任务 lead into 自查自评: fetch it in the background once they are shown.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/assessment', 'packages/events'] },
    'pages/tasks/index': { network: 'all', packages: ['packages/assessment', 'packages/events'] },
  },
  window: {
    // 'default' is what WeChat draws anyway; on H5 it switches on Taro's own title bar (the page's title,
    // back to the previous page, or 首页 when the page was opened from a link).
    navigationStyle: 'default',
    navigationBarTitleText: '清廉企业',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  // Text-only tab bar: WeChat allows tab items without iconPath.
  tabBar: {
    color: '#6b7078',
    selectedColor: '#b8232b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/tasks/index', text: '任务' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // WeChat privacy guide: privacy APIs wait for the user's consent (see services/platform/privacy.weapp.ts).
  __usePrivacyCheck__: true,
  // 签到 at an event with a place sends the position (after the privacy guide consent).
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于确认您在活动现场签到' } },
  lazyCodeLoading: 'requiredComponents',
})
