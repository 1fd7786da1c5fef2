/// Text written into a spreadsheet cell (CSV or XLSX) that a spreadsheet must show, never run. A name imported as
/// `=HYPERLINK("http://…","Bấm")` or `@SUM(…)` would otherwise become a live formula when an official opens the
/// download; OWASP's advice is to start such a cell with an apostrophe, which Excel and LibreOffice show as text.
public enum FormulaGuard {
    /// The characters a spreadsheet reads as the start of a formula (tab and carriage return too: some read what follows).
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The text as a cell can safely hold it: unchanged unless it starts like a formula and is not a number (a
    /// negative amount `-12,5` stays a number).
    public static func inert(_ text: String) -> String {
        guard let first = text.first, triggers.contains(first) else { return text }
        if VietnameseNumber.parse(text) != nil || Double(text) != nil { return text }
        return "'" + text
    }
}
