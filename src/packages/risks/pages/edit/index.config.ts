export default definePageConfig({
  navigationBarTitleText: '登记廉洁风险点',
})
