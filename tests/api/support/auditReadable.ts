/** What a county clerk could not read in a 内容: a stored key or code, a bare number under 编号, a UTC instant. */
export function unreadableParts(text: string): string[] {
  return text
    .split(/[；，、]/)
    .filter(
      (part) =>
        /^\s*[A-Za-z_][\w]*[：\s]/.test(part) ||
        /编号：/.test(part) ||
        /[：\s→]\s*[a-z][a-z_]*(\s|$)/.test(part) ||
        /\d{4}-\d{2}-\d{2}T/.test(part),
    )
}
