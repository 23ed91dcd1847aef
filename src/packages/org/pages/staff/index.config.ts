export default definePageConfig({
  navigationBarTitleText: '部门人员',
  enablePullDownRefresh: true,
})
