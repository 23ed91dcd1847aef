export default definePageConfig({
  navigationBarTitleText: '签到大屏',
  navigationStyle: 'custom',
})
