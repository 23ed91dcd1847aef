export default definePageConfig({
  navigationBarTitleText: '知识竞赛',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
