export default definePageConfig({
  navigationBarTitleText: '承诺书模板',
  enablePullDownRefresh: true,
})
