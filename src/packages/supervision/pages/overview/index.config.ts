export default definePageConfig({
  navigationBarTitleText: '监管总览',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
