import Taro from '@tarojs/taro'
import type { TQuiz } from '@/models/quiz'
import { openQuizResults } from '@/services/quizOffice'

/**
 * 导出成绩: the 竞赛's workbook (企业排名, 个人成绩; a 监管员's holds their department's enterprises); a
 * failure is said in a toast.
 */
export async function exportResults(quiz: TQuiz): Promise<void> {
  try {
    await openQuizResults(quiz)
  } catch (err) {
    void Taro.showToast({
      title: err instanceof Error ? err.message : '导出失败',
      icon: 'none',
      duration: 2500,
    })
  }
}
