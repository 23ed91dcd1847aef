export default definePageConfig({
  navigationBarTitleText: '自查详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
