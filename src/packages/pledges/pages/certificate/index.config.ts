export default definePageConfig({
  navigationBarTitleText: '承诺书证书',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
