export default definePageConfig({
  navigationBarTitleText: '会议记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
