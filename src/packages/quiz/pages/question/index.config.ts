export default definePageConfig({ navigationBarTitleText: '竞赛题目' })
