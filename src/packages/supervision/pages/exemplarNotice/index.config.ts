export default definePageConfig({
  navigationBarTitleText: '示范公示',
  enablePullDownRefresh: true,
})
