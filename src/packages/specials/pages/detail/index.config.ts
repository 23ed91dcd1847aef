export default definePageConfig({
  navigationBarTitleText: '专项整治',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
