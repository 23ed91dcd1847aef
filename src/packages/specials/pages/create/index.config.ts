export default definePageConfig({ navigationBarTitleText: '开展专项整治' })
