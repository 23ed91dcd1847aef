export default definePageConfig({
  navigationBarTitleText: '三会一课监管',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
