export default definePageConfig({
  navigationBarTitleText: '签署承诺',
  // The signature pad takes the finger: no pull-to-refresh while writing.
  disableScroll: false,
})
