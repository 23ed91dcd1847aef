export default definePageConfig({
  navigationBarTitleText: '职工承诺签署情况',
  enablePullDownRefresh: true,
})
