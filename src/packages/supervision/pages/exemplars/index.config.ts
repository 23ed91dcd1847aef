export default definePageConfig({
  navigationBarTitleText: '示范选树',
  enablePullDownRefresh: true,
})
