export default definePageConfig({
  navigationBarTitleText: '企业详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
