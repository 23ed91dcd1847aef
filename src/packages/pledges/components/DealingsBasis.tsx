import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { DEALING_LIST_SHORT, dealingBasisLine, type TDealingRef } from '@/models/dealings'
import { dealingsPages } from '@/services/routes'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * A 政商 pledge's 政商交往清单: the versions it is (or will be) signed under, each opening that version, or a
 * link to the lists when it records none (signed before they were published).
 */
export function DealingsBasis({ refs, signing }: { refs: TDealingRef[]; signing?: boolean }) {
  return (
    <View className="a-card pl-dealings">
      <Text className="a-card__title">政商交往清单</Text>
      <Text className="a-card__subtitle">
        {refs.length > 0
          ? `${signing ? '签署时以现行清单为' : ''}${dealingBasisLine(refs)}`
          : signing
            ? '政商交往清单尚未发布'
            : '本承诺签署时未记录政商交往清单版本'}
      </Text>
      <View className="pl-dealings__links">
        {refs.map((r) => (
          <Text key={r.id} className="pl-dealings__link" onClick={() => go(dealingsPages.lists(r.id))}>
            {DEALING_LIST_SHORT[r.kind]}第{r.version}版
          </Text>
        ))}
        <Text className="pl-dealings__link" onClick={() => go(dealingsPages.lists())}>
          查看现行清单
        </Text>
      </View>
    </View>
  )
}
