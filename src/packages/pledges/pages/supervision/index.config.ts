export default definePageConfig({
  navigationBarTitleText: '承诺覆盖情况',
  enablePullDownRefresh: true,
})
