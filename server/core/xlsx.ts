import type ExcelJS from 'exceljs'

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } }
/** Thin grey borders on all four sides of a cell. */
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin }

/**
 * A worksheet a clerk prints as it is: A4 landscape, one page wide (as many pages down as it takes), the
 * header row `headerRow` repeated on every page and frozen on screen (with `xSplit` columns), page numbers
 * in the footer and `pageHeader` at the top of every page when given.
 */
export function addPrintedSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  options: { headerRow: number; xSplit?: number; pageHeader?: string },
): ExcelJS.Worksheet {
  return workbook.addWorksheet(name, {
    views: [
      { state: 'frozen', ySplit: options.headerRow, ...(options.xSplit ? { xSplit: options.xSplit } : {}) },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${options.headerRow}:${options.headerRow}`,
      margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      ...(options.pageHeader ? { oddHeader: `&C${options.pageHeader}` } : {}),
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  })
}
