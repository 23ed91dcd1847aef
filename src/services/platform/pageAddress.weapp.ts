/**
 * The mini-program has no address: WeChat reopens a page with the query it was opened with (a page
 * restored after the mini-program was killed too). Pages that change what they show in place keep it
 * on the device instead (the item page of 自查作答: src/packages/assessment/pages/item/place.ts).
 */
export function replacePageAddress(_url: string): void {}
