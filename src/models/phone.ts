/** Phone numbers are shown masked in every list: 138****5678. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  if (phone.length < 7) return phone.replace(/.(?=.{2})/g, '*')
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}
