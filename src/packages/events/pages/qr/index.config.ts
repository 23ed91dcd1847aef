export default definePageConfig({
  navigationBarTitleText: '签到二维码',
  // The code is shown to a room: keep it bright.
  pageOrientation: 'auto',
})
