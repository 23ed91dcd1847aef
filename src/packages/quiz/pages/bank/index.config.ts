export default definePageConfig({
  navigationBarTitleText: '竞赛题库',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
