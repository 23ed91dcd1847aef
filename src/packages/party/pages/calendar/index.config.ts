export default definePageConfig({
  navigationBarTitleText: '三会一课',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
