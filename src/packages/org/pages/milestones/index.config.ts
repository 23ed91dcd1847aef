export default definePageConfig({
  navigationBarTitleText: '领导小组与实施方案',
  enablePullDownRefresh: true,
})
