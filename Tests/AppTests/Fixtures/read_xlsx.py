"""Prints what openpyxl finds in an XLSX as JSON: each sheet's cell values, merged title cells, print settings
(orientation, paper, fit to width, repeated rows, print area) and whether the header row has borders."""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in workbook.worksheets:
    header = None
    for row in sheet.iter_rows():
        if row[0].border.left.style == "thin":
            header = row[0]
            break
    sheets.append({
        "name": sheet.title,
        "rows": [[cell for cell in row] for row in sheet.iter_rows(values_only=True)],
        "merged": [str(r) for r in sheet.merged_cells.ranges],
        "orientation": sheet.page_setup.orientation,
        "paper": sheet.page_setup.paperSize,
        "fit_width": sheet.page_setup.fitToWidth,
        "fit_to_page": sheet.sheet_properties.pageSetUpPr.fitToPage if sheet.sheet_properties.pageSetUpPr else None,
        "title_rows": sheet.print_title_rows,
        "print_area": sheet.print_area,
        "header_row": header.row if header else None,
        "header_bold": bool(header.font.b) if header else None,
    })
print(json.dumps(sheets, ensure_ascii=False, default=str))
