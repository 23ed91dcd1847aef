import { Text, View } from '@tarojs/components'
import type { TChecklistItem } from '@/models/checklist'

/**
 * An item's 依据: the task's title, then the whole sentence of the programme with the quoted words
 * highlighted (v2 on). A v1 item has only its quote, shown as before.
 */
export function BasisSentence({ basis }: { basis: TChecklistItem['basis'] }) {
  const sentence = basis.sentence
  const at = sentence ? sentence.indexOf(basis.quote) : -1
  return (
    <View className="item-editor__basis">
      <Text className="item-editor__basis-ref">
        《县清廉企业建设实施方案》{basis.ref}
        {basis.title ? ` ${basis.title}` : ''}
      </Text>
      {sentence && at >= 0 ? (
        <Text className="item-editor__basis-sentence">
          {sentence.slice(0, at)}
          <Text className="item-editor__basis-mark">{basis.quote}</Text>
          {sentence.slice(at + basis.quote.length)}
        </Text>
      ) : (
        <Text className="item-editor__basis-quote">{basis.quote}</Text>
      )}
    </View>
  )
}
