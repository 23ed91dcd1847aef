import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { joinLinkUrl } from '@/models/joinLink'
import { formatDateTime } from '@/models/format'
import { webOrigin } from '@/services/platform/env'
import { QrImage } from './events/QrImage'
import './InviteCode.scss'

export interface InviteCodeProps {
  code: string
  roleLabel: string
  expiresAt: string
  uses: number
  maxUses: number
  /** A department's invite: the person joins a department through the same 「加入企业」 entry. */
  forDepartment?: boolean
}

/**
 * One invite code: the code, its role, expiry (北京时间) and uses; 复制, and 二维码 that WeChat's own scanner
 * opens (a link under the web base: the join page with the code filled in).
 */
export function InviteCode({ code, roleLabel, expiresAt, uses, maxUses, forDepartment }: InviteCodeProps) {
  const [showQr, setShowQr] = useState(false)
  return (
    <View className="invite-code">
      <View className="invite-code__row">
        <View className="invite-code__who">
          <Text className="invite-code__code">{code}</Text>
          <Text className="invite-code__meta">
            {`${roleLabel} · ${formatDateTime(expiresAt)} 前有效 · ${maxUses === 1 ? '仅限1人使用' : `已用 ${uses}/${maxUses}`}`}
          </Text>
        </View>
        <View className="invite-code__actions">
          <Button size="small" fill="outline" onClick={() => setShowQr(!showQr)}>
            {showQr ? '收起' : '二维码'}
          </Button>
          <Button size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: code })}>
            复制
          </Button>
        </View>
      </View>
      {showQr ? (
        <View className="invite-code__qr">
          <QrImage className="invite-code__img" text={joinLinkUrl(webOrigin(), { kind: 'invite', code })} />
          <Text className="invite-code__hint">
            {`用微信扫一扫即可打开小程序申请加入（${roleLabel}），也可在「我的 → 加入企业」输入邀请码${forDepartment ? '（部门人员也从这里加入）' : ''}。`}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
