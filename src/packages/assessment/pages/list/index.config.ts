export default definePageConfig({
  navigationBarTitleText: '自查自评',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
