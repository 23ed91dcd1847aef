import { useState } from 'react'
import { SearchBar } from '@nutui/nutui-react-taro'

/** The search box over a list: `onSearch` gets the trimmed words on 搜索, and '' when cleared. */
export function ListSearch({
  placeholder,
  onSearch,
}: {
  placeholder: string
  onSearch: (q: string) => void
}) {
  const [typed, setTyped] = useState('')
  return (
    <SearchBar
      value={typed}
      placeholder={placeholder}
      onChange={setTyped}
      onSearch={(v) => onSearch(v.trim())}
      onClear={() => {
        setTyped('')
        onSearch('')
      }}
    />
  )
}
