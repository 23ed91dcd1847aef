import { ZInviteJoinBody } from '@/models/invite'

describe('an invite code as people paste it', () => {
  it('drops spaces and line breaks and reads lower case', () => {
    for (const typed of ['abcd2345', ' ABCD 2345 ', 'ABCD\n2345', 'ab cd 23 45'])
      expect(ZInviteJoinBody.parse({ code: typed })).toEqual({ code: 'ABCD2345' })
  })
  it('still refuses what is not a code', () => {
    for (const typed of ['', 'ABCD-2345', 'ABCD234', '邀请码ABCD2345'])
      expect(ZInviteJoinBody.safeParse({ code: typed }).success).toBe(false)
  })
})
