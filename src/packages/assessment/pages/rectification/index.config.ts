export default definePageConfig({
  navigationBarTitleText: '整改详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
