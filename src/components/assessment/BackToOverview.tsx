import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { assessmentPages } from '@/services/routes'

/** 返回概览 in an assessment page's action bar: back to the assessment's overview, in place of this page. */
export function BackToOverview({
  enterpriseId,
  assessmentId,
}: {
  enterpriseId: number
  assessmentId: number
}) {
  return (
    <Button
      fill="outline"
      type="primary"
      onClick={() => void Taro.redirectTo({ url: assessmentPages.overview(enterpriseId, assessmentId) })}
    >
      返回概览
    </Button>
  )
}
