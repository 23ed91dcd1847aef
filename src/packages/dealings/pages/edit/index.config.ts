export default definePageConfig({
  navigationBarTitleText: '编辑清单',
})
