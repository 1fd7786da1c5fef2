import HopTacCore
import Plot

/// A document's body as the form page shows it before download: the headings, paragraphs and tables with the figures
/// already filled in, so the officer reads what will be signed without opening Word. Long tables show their first
/// rows; the download holds them all.
enum DocumentPreview {
    static let rowsShown = 15

    static func node(_ document: OfficialDocument) -> Node<HTML.BodyContext> {
        .section(.class("preview"), .attribute(named: "aria-label", value: "Xem trước văn bản"),
            .p(.class("preview-kind"), .text(document.kind)),
            .p(.class("preview-summary"), .text(document.summary)),
            .forEach(document.body) { block in
                switch block {
                case .heading(let text, let level): level <= 1 ? .h3(.text(text)) : .h4(.text(text))
                case .paragraph(let text): .p(.text(text))
                case .appendix(let label, let title): .group(.h3(.text(label)), .p(.class("preview-summary"), .text(title.uppercased())))
                case .table(let table): self.table(table)
                }
            })
    }

    private static func table(_ table: DocumentTable) -> Node<HTML.BodyContext> {
        let cell = { (index: Int, text: String) -> Node<HTML.TableRowContext> in
            table.columns.indices.contains(index) && table.columns[index].numeric ? .td(.class("num"), .text(text)) : .td(.text(text))
        }
        let hidden = table.rows.count - rowsShown
        return .div(.class("scroll"),
            .unwrap(table.title) { .p(.class("preview-table-title"), .text($0)) },
            .unwrap(table.unit) { .p(.class("hint"), .text($0)) },
            .table(.class("list"),
                .thead(.tr(.forEach(table.columns) { column in column.numeric ? .th(.class("num"), .text(column.title)) : .th(.text(column.title)) })),
                .tbody(
                    .forEach(table.rows.prefix(rowsShown)) { row in .tr(.forEach(Array(row.enumerated())) { cell($0.offset, $0.element) }) },
                    .unwrap(table.total) { total in .tr(.class("total"), .forEach(Array(total.enumerated())) { cell($0.offset, $0.element) }) })),
            .if(hidden > 0, .p(.class("hint"), .text("… và \(VietnameseNumber.format(hidden)) dòng nữa trong bản tải về."))))
    }
}
