export default definePageConfig({
  navigationBarTitleText: '自查作答',
  // WeChat reopens this page (with the query it was opened with) when it killed the mini-program on
  // it; the page then continues at the item the user was on (./place.ts).
  restartStrategy: 'homePageAndLatestPage',
})
