import { z } from 'zod'

/**
 * Stable error codes shared by the API and the app. The server answers
 * `{ error: { code, message, fields } }`; the app branches on `code`, never on `message`.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  ACCOUNT_DISABLED: '该账号已停用，请联系管理员',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '记录不存在',
  ROUTE_NOT_FOUND: '接口不存在',
  CONFLICT: '数据冲突，请刷新后重试',
  CREDIT_CODE_INVALID: '统一社会信用代码无效',
  CREDIT_CODE_TAKEN: '该统一社会信用代码已登记',
  INVITE_INVALID: '邀请码无效或已过期',
  DEPARTMENT_NAME_TAKEN: '已有同名的部门',
  DEPARTMENT_RETIRED: '该部门已撤销，不能再修改或建立监管关系',
  DEPARTMENT_IS_OFFICE: '领导小组办公室不能撤销',
  ADMIN_CODE_INVALID: '管理员码无效、已使用或已过期，请向系统管理员重新获取',
  ALREADY_MEMBER: '已是该企业成员或已提交申请',
  JOIN_REQUEST_NOT_PENDING: '该申请已处理',
  MEMBER_NOT_ACTIVE: '该成员已移出或尚未审核通过，请刷新后重试',
  ROLE_ALREADY_HELD: '该成员已担任这个角色',
  LAST_LIAISON: '企业至少要保留一名联络员：请先把联络员移交给其他成员',
  LAST_OFFICE_USER: '领导小组办公室至少要保留一名在用的办公室人员',
  INVITE_ROLE_NOT_ALLOWED: '不能生成该角色的邀请码',
  IDEMPOTENCY_KEY_INVALID: '幂等键格式无效',
  IDEMPOTENCY_KEY_REUSED: '幂等键已用于不同的请求内容',
  IDEMPOTENCY_IN_PROGRESS: '相同请求正在处理中，请稍后重试',
  WECHAT_BUSY: '微信服务繁忙，请稍后重试',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重新登录',
  WECHAT_CODE_USED: '微信登录凭证已被使用，请重新登录',
  WECHAT_RATE_LIMITED: '登录过于频繁，请稍后再试',
  WECHAT_USER_BLOCKED: '该微信用户已被限制登录',
  WECHAT_UNAVAILABLE: '暂时无法连接微信服务，请稍后重试',
  WECHAT_NOT_CONFIGURED: '服务器未配置微信小程序参数',
  ASSESSMENT_LOCKED: '自查表已提交或已通过，当前不能修改',
  ASSESSMENT_INCOMPLETE: '自查表尚未完成，不能提交',
  ASSESSMENT_NOT_SUBMITTED: '该自查表尚未提交，不能审核',
  UNKNOWN_ITEM: '自查项不存在或不适用于本企业',
  FILE_TOO_LARGE: '文件过大',
  FILE_TYPE_NOT_ALLOWED: '只能上传图片（JPG、PNG、WEBP）或 PDF 文件',
  FILE_MISSING: '请选择要上传的文件',
  RECTIFICATION_STATE: '整改事项当前状态不允许此操作',
  CAMPAIGN_CLOSED: '该自查期次已结束，不能再提交或修改',
  EVENT_CANCELLED: '该活动已取消',
  CAMPAIGN_NO_TARGETS: '没有可参加本期自查的企业',
  TEMPLATE_MISSING: '尚未加载自查清单',
  QR_EXPIRED: '二维码已过期，请扫描现场最新的二维码',
  QR_INVALID: '无效二维码',
  OUTSIDE_WINDOW: '不在签到时间',
  NOT_IN_AUDIENCE: '非活动对象：您不在本次活动的参加范围内',
  OUT_OF_RANGE: '不在活动范围：请到活动现场签到',
  LOCATION_REQUIRED: '本活动需要定位，请允许获取位置后重新签到',
  MEETING_INCOMPLETE: '会议记录尚未填写完整，不能提交',
  MEETING_CORRECTION_REASON_REQUIRED: '已提交的会议记录须填写更正原因后才能修改',
  MEETING_NOT_DRAFT: '只能删除草稿：已提交的会议记录只能更正',
  MEETING_NO_BRANCH_WRITER: '只有本支部书记和支委会成员可以填写会议记录',
  WECHAT_SEND_FAILED: '微信消息发送失败',
  PLAN_ALREADY_FILED: '实施方案已报送，待监管部门处理或已收到；被退回后才能重新报送',
  PLAN_ALREADY_DECIDED: '该实施方案已处理或已重新报送，请刷新后查看',
  PLAN_NOT_YOUR_DEPARTMENT: '该实施方案报送的是其他监管部门，只能由该部门处理',
  SIGNATURE_TOO_LARGE: '签名图片过大（不超过512 KB）',
  SIGNATURE_NOT_PNG: '签名须为 PNG 图片',
  PLEDGE_TEMPLATE_OUTDATED: '承诺书模板已更新，请阅读最新版本后重新签署',
  PLEDGE_TEXT_MISMATCH: '承诺书内容与服务器记录不一致，请刷新后重新阅读并签署',
  PLEDGE_NOT_APPLICABLE: '该承诺书不适用于本单位或本人',
  PLEDGE_ALREADY_SIGNED: '本年度已签署该承诺书',
  PLEDGE_NOT_PENDING: '该承诺不在待对方签署状态',
  PLEDGE_WITHDRAW_TOO_EARLY: '发起后等待未满期限，暂不能撤回',
  PLEDGE_SAME_SIGNER: '双边承诺须由双方不同的人员签署',
  PLEDGE_CHAIN_BROKEN: '廉洁承诺哈希链未通过核验，不能写入锚点，请运行 npm run pledges:verify 查明断点',
  IMPORT_FILE_INVALID: '无法读取该文件，请上传用模板填写的 Excel 文件（.xlsx）',
  IMPORT_FILE_XLS: '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 格式后再上传',
  IMPORT_FILE_EMPTY: '表格中没有企业数据，请在表头下方逐行填写后再上传',
  IMPORT_HEADERS_INVALID: '表头与模板不一致，请下载最新模板，保留第一行表头后填写',
  IMPORT_TOO_MANY_ROWS: '一次最多导入 20000 行，请分成几个文件导入',
  IMPORT_UPLOAD_BROKEN: '文件上传不完整，请检查网络后重新上传',
  IMPORT_NOT_READY: '导入文件尚未检查完毕，请稍候',
  IMPORT_FAILED: '导入文件检查失败，请重新上传',
  IMPORT_NOT_COMMITTED: '尚未确认导入，还没有联络员邀请码',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  INTERNAL: '服务器内部错误，请稍后重试',
} as const

export type TErrorCode = keyof typeof ERROR_MESSAGES

export const ZErrorField = z.object({
  path: z.string(),
  message: z.string(),
})
export type TErrorField = z.infer<typeof ZErrorField>

export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(ZErrorField),
    }),
  })
  .meta({ id: 'ErrorResponse' })
export type TErrorResponse = z.infer<typeof ZErrorResponse>
