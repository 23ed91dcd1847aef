export default definePageConfig({
  navigationBarTitleText: '完成期限',
  enablePullDownRefresh: true,
})
