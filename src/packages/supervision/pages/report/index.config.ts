export default definePageConfig({
  navigationBarTitleText: '督查专报',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
