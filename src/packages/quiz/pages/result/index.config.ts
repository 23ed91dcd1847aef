export default definePageConfig({
  navigationBarTitleText: '答题结果',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
