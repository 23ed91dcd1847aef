export default definePageConfig({ navigationBarTitleText: '突出问题' })
