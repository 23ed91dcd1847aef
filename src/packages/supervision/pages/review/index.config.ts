export default definePageConfig({
  navigationBarTitleText: '审核自查',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
