export default definePageConfig({
  navigationBarTitleText: '廉洁风险点',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
