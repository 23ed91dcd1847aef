/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, Z, S, V);
 * the last one is a check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return ALPHABET[check]
}

export type CreditCodeProblem = 'length' | 'charset' | 'checksum'

export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length'
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'charset'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}

/** A character no code may hold, found while the code is still being typed (before all 18 are in). */
export function hasCreditCodeBadChar(code: string): boolean {
  for (const ch of code) if (!ALPHABET.includes(ch)) return true
  return false
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code) === null
}

export const CREDIT_CODE_PROBLEM_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）',
  checksum: '统一社会信用代码校验位不正确，请核对',
}
