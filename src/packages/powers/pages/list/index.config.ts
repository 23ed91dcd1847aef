export default definePageConfig({
  navigationBarTitleText: '“一把手”权力清单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
