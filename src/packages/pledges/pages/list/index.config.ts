export default definePageConfig({
  navigationBarTitleText: '廉洁承诺',
  enablePullDownRefresh: true,
})
