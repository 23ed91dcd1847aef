export default definePageConfig({
  navigationBarTitleText: '突出问题清单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
