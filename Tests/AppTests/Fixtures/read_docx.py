"""Prints what a Word reader (python-docx) finds in a DOCX as JSON: the page, the default font, the paragraphs of the
body and of the two side-by-side header tables, every other table's cells, and whether headers repeat."""
import json
import sys

import docx
from docx.oxml.ns import qn

document = docx.Document(sys.argv[1])
section = document.sections[0]
styles = document.styles.element
defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
fonts = defaults.find(qn("w:rFonts"))
size = defaults.find(qn("w:sz"))
tables = []
for table in document.tables:
    first = table.rows[0]._tr
    tables.append({
        "rows": [[cell.text for cell in row.cells] for row in table.rows],
        "repeats_header": first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None,
        "bordered": table._tbl.tblPr.find(qn("w:tblBorders")) is not None
                    and table._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "single",
    })
runs = []
for paragraph in document.paragraphs:
    for run in paragraph.runs:
        runs.append({"text": run.text, "bold": bool(run.bold), "italic": bool(run.italic),
                     "size": run.font.size.pt if run.font.size else None})
print(json.dumps({
    "page": {"width_mm": round(section.page_width.mm), "height_mm": round(section.page_height.mm),
             "top_mm": round(section.top_margin.mm), "bottom_mm": round(section.bottom_margin.mm),
             "left_mm": round(section.left_margin.mm), "right_mm": round(section.right_margin.mm),
             "different_first_page": section.different_first_page_header_footer},
    "font": fonts.get(qn("w:ascii")), "size_pt": int(size.get(qn("w:val"))) / 2,
    "header_text": "\n".join(p.text for p in section.header.paragraphs) + "".join(
        node.get(qn("w:instr")) or "" for node in section.header._element.iter(qn("w:fldSimple"))),
    "first_header_text": "\n".join(p.text for p in section.first_page_header.paragraphs),
    "paragraphs": [p.text for p in document.paragraphs],
    "runs": runs,
    "tables": tables,
}, ensure_ascii=False))
