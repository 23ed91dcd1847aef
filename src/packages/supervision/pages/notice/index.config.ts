export default definePageConfig({
  navigationBarTitleText: '下发整改通知',
})
