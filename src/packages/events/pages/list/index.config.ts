export default definePageConfig({
  navigationBarTitleText: '清廉文化活动',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
