export default definePageConfig({
  navigationBarTitleText: '候选企业对比',
  enablePullDownRefresh: true,
})
