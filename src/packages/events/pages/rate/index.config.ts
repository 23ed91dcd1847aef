export default definePageConfig({
  navigationBarTitleText: '活动到会率',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
