export default definePageConfig({
  navigationBarTitleText: '企业列表',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
