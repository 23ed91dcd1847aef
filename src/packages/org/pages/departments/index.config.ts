export default definePageConfig({
  navigationBarTitleText: '监管部门',
  enablePullDownRefresh: true,
})
