export default definePageConfig({
  navigationBarTitleText: '“三重一大”决策台账',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
