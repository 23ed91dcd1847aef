export default definePageConfig({
  navigationBarTitleText: '政商交往清单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
