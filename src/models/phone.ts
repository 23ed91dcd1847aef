/** Phone numbers are shown masked in every list: 138****5678. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  if (phone.length < 7) return phone.replace(/.(?=.{2})/g, '*')
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** A mainland mobile number: 11 digits starting 13–19 (spaces and dashes ignored, +86 / 86 allowed). */
export function normalizeMobilePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null
}
