export default definePageConfig({
  navigationBarTitleText: '工作清单',
  enablePullDownRefresh: true,
})
