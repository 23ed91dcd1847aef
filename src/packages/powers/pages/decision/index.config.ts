export default definePageConfig({
  navigationBarTitleText: '“三重一大”决策',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
