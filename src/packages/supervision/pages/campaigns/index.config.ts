export default definePageConfig({
  navigationBarTitleText: '自查期次',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
