import Foundation

/// Writes an `OfficialDocument` as a Word document in the layout of Decree 30/2020/NĐ-CP, Appendix I: A4 portrait,
/// margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; the page number centred in the top margin
/// from page 2; tables with real borders whose header row repeats on every page. Everything is text and styles, so
/// Word and LibreOffice open it as a document to edit, not a picture of one.
public enum DOCXWriter {
    /// Twentieths of a point: the page and the text width inside the margins.
    static let pageWidth = 11906, pageHeight = 16838
    static let margins = (top: 1134, right: 851, bottom: 1134, left: 1701)
    static let textWidth = pageWidth - margins.left - margins.right

    public static func data(_ document: OfficialDocument) throws -> Data {
        let package = try OfficePackage()
        let add = package.add
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let ooxml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        try add("[Content_Types].xml", xml + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="\(ooxml).document.main+xml"/>\
            <Override PartName="/word/styles.xml" ContentType="\(ooxml).styles+xml"/>\
            <Override PartName="/word/settings.xml" ContentType="\(ooxml).settings+xml"/>\
            <Override PartName="/word/header1.xml" ContentType="\(ooxml).header+xml"/>\
            <Override PartName="/word/header2.xml" ContentType="\(ooxml).header+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            </Types>
            """)
        try add("_rels/.rels", xml + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """)
        try add("word/_rels/document.xml.rels", xml + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
            <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>\
            </Relationships>
            """)
        try add("docProps/core.xml", xml + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(escapeMarkup(document.kind + " " + document.summary))</dc:title>\
            <dc:creator>\(escapeMarkup(document.issuingBody))</dc:creator><dc:language>vi-VN</dc:language>\
            </cp:coreProperties>
            """)
        try add("word/styles.xml", xml + styles)
        try add("word/settings.xml", xml + """
            <w:settings xmlns:w="\(namespace)"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
            <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
            </w:settings>
            """)
        // The page number from page 2, centred in the top margin; page 1 has an empty header.
        try add("word/header1.xml", xml + """
            <w:hdr xmlns:w="\(namespace)"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
            <w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>
            """)
        try add("word/header2.xml", xml + "<w:hdr xmlns:w=\"\(namespace)\"><w:p/></w:hdr>")
        try add("word/document.xml", xml + body(document))
        return try package.data(".docx", failure: DocumentError.self)
    }

    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// Times New Roman 14 pt for the body, justified, 6 pt after each paragraph, 1,2 lines; a table style at 12 pt.
    private static let styles = """
        <w:styles xmlns:w="\(namespace)">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>\
        <w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:before="60" w:after="60" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="BodyText"/><w:next w:val="BodyText"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="BodyText"/><w:next w:val="BodyText"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
        <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """

    /// A run of text: escaped, spaces kept, at `size` half-points when not the default.
    static func run(_ text: String, bold: Bool = false, italic: Bool = false, size: Int? = nil) -> String {
        var properties = ""
        if bold { properties += "<w:b/><w:bCs/>" }
        if italic { properties += "<w:i/><w:iCs/>" }
        if let size { properties += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + "<w:t xml:space=\"preserve\">\(escapeMarkup(text.precomposed))</w:t></w:r>"
    }

    static func paragraph(_ runs: String, style: String? = nil, align: String? = nil, after: Int? = nil, keepNext: Bool = false, rule: Int? = nil) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if keepNext { properties += "<w:keepNext/>" }
        if let after { properties += "<w:spacing w:after=\"\(after)\"/>" }
        // A styled paragraph centred drops its style's first-line indent, which would push it off centre.
        if style != nil && align == "center" { properties += "<w:ind w:firstLine=\"0\"/>" }
        if let align { properties += "<w:jc w:val=\"\(align)\"/>" }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }

    /// The short solid rule under the issuing body, the motto and the summary: an empty paragraph's bottom border,
    /// indented so that it is `width` long (twips) in a column `column` wide.
    static func rule(width: Int, in column: Int) -> String {
        let indent = max(0, (column - width) / 2)
        return "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
            + "<w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/><w:ind w:left=\"\(indent)\" w:right=\"\(indent)\"/></w:pPr></w:p>"
    }

    /// About how wide `text` is in Times New Roman at `size` half-points, in twips: for the rules of text length.
    static func textWidth(_ text: String, size: Int, bold: Bool) -> Int {
        Int(Double(text.count) * Double(size) * (bold ? 5.6 : 5.2))
    }

    /// A table without borders that holds two blocks side by side (the top of page 1 and the signature).
    static func sideBySide(left: String, right: String, leftWidth: Int) -> String {
        let rightWidth = textWidth - leftWidth
        let none = "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
            + "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/>\(none)<w:tblLayout w:type=\"fixed\"/></w:tblPr>"
            + "<w:tblGrid><w:gridCol w:w=\"\(leftWidth)\"/><w:gridCol w:w=\"\(rightWidth)\"/></w:tblGrid><w:tr>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"\(leftWidth)\" w:type=\"dxa\"/></w:tcPr>\(left)</w:tc>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"\(rightWidth)\" w:type=\"dxa\"/></w:tcPr>\(right)</w:tc></w:tr></w:tbl>"
    }

    static func body(_ document: OfficialDocument) -> String {
        let leftWidth = textWidth * 2 / 5, rightWidth = textWidth - leftWidth
        let issuer = document.issuingBody.uppercased()
        var left = document.parentBody.map { paragraph(run($0.uppercased(), size: 26), align: "center") } ?? ""
        left += paragraph(run(issuer, bold: true, size: 26), align: "center")
        left += rule(width: min(leftWidth, textWidth(issuer, size: 26, bold: true) * 2 / 5), in: leftWidth)
        left += paragraph(run(document.numberLine, size: 26), align: "center")
        let motto = "Độc lập - Tự do - Hạnh phúc"
        var right = paragraph(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24), align: "center")
        right += paragraph(run(motto, bold: true, size: 26), align: "center")
        right += rule(width: textWidth(motto, size: 26, bold: true), in: rightWidth)
        right += paragraph(run(document.placeAndDate, italic: true, size: 26), align: "center")

        var out = "<w:document xmlns:w=\"\(namespace)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
        out += sideBySide(left: left, right: right, leftWidth: leftWidth)
        out += paragraph("", after: 240)
        out += paragraph(run(document.kind.uppercased(), bold: true), align: "center", keepNext: true)
        out += paragraph(run(document.summary, bold: true), align: "center", keepNext: true)
        out += rule(width: textWidth(document.summary, size: 28, bold: true) / 3, in: textWidth)
        for block in document.body { out += Self.block(block) }

        var recipients = paragraph(run("Nơi nhận:", bold: true, italic: true, size: 24), after: 0)
        for (index, recipient) in document.recipients.enumerated() {
            let end = index == document.recipients.count - 1 ? "." : ";"
            recipients += paragraph(run("- " + recipient.trimmed.trimmingTrailing(";.") + end, size: 22))
        }
        var signature = document.signature.authority.map { paragraph(run($0.uppercased(), bold: true), align: "center") } ?? ""
        signature += paragraph(run(document.signature.title.uppercased(), bold: true), align: "center")
        signature += paragraph("", after: 1400)
        signature += paragraph(run(document.signature.signer, bold: true), align: "center")
        out += paragraph("", after: 120)
        out += sideBySide(left: recipients, right: signature, leftWidth: textWidth / 2)
        out += "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
            + "<w:pgSz w:w=\"\(pageWidth)\" w:h=\"\(pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(margins.top)\" w:right=\"\(margins.right)\" w:bottom=\"\(margins.bottom)\" w:left=\"\(margins.left)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
            + "<w:titlePg/></w:sectPr></w:body></w:document>"
        return out
    }

    /// Whether a heading starts with its number: "I. …", "2. …", "a) …".
    static func isNumbered(_ heading: String) -> Bool {
        let mark = heading.prefix { $0.isLetter || $0.isNumber }
        guard !mark.isEmpty, let next = heading.dropFirst(mark.count).first, next == "." || next == ")" else { return false }
        return mark.allSatisfy(\.isNumber) || mark.allSatisfy { "IVXLC".contains($0) } || (mark.count == 1 && mark.allSatisfy(\.isLowercase))
    }

    static func block(_ block: OfficialDocument.Block) -> String {
        switch block {
        // The decree centres unnumbered titles ("QUYẾT ĐỊNH:", the issuing authority of a decision, "Chương I"), and
        // sets the legal bases ("Căn cứ …") in italics.
        case .heading(let text, let level):
            return paragraph(run(text), style: level <= 1 ? "Heading1" : "Heading2", align: level <= 1 && !isNumbered(text) ? "center" : nil)
        case .paragraph(let text): return paragraph(run(text, italic: text.hasPrefix("Căn cứ ")), style: "BodyText")
        case .appendix(let label, let title):
            return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + paragraph(run(label, bold: true), align: "center", keepNext: true)
                + paragraph(run(title.uppercased(), bold: true), align: "center", after: 120, keepNext: true)
        case .table(let table): return Self.table(table)
        }
    }

    /// A bordered table across the text width: its header row bold, centred and repeated on each page; numbers right.
    static func table(_ table: DocumentTable) -> String {
        let total = max(table.columns.map(\.weight).reduce(0, +), 0.001)
        let widths = table.columns.map { Int(Double(textWidth) * $0.weight / total) }
        var out = table.title.map { paragraph(run($0, bold: true), style: "BodyText", keepNext: true) } ?? ""
        if let unit = table.unit { out += paragraph(run(unit, italic: true, size: 24), align: "right", keepNext: true) }
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
        out += "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblBorders>\(borders)</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        out += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func row(_ cells: [String], header: Bool = false, bold: Bool = false) -> String {
            var out = "<w:tr>" + (header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for (index, width) in widths.enumerated() {
                let text = index < cells.count ? cells[index] : ""
                let align = header ? "center" : table.columns[index].numeric ? "right" : "left"
                out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(header ? "<w:vAlign w:val=\"center\"/>" : "")</w:tcPr>"
                out += paragraph(run(text, bold: header || bold), style: "TableText", align: align) + "</w:tc>"
            }
            return out + "</w:tr>"
        }
        out += row(table.columns.map(\.title), header: true)
        for cells in table.rows { out += row(cells) }
        if let total = table.total { out += row(total, bold: true) }
        return out + "</w:tbl>" + paragraph("", after: 60)
    }
}

extension String {
    /// In Unicode's composed form (NFC, TCVN 6909:2001): each Vietnamese letter one code point, as Word expects.
    var precomposed: String { precomposedStringWithCanonicalMapping }
}
