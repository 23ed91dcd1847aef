export default definePageConfig({
  navigationBarTitleText: '自查作答',
})
