/// A search of the registry as people type it: the folded words, and the words that carry the meaning.
///
/// Nearly every name starts with its type ("Hợp tác xã …", "Tổ hợp tác …") and many name their commune ("… xã Thạch
/// Sơn"), so those words would match almost every row. They still count for the phrase ("hop tac xa dong" ranks
/// "Hợp tác xã Đồng Tâm" first) but do not select rows, unless they are all that was typed.
public struct RegistrySearch: Sendable, Equatable {
    /// The folded words typed, at most sixteen: enough for a whole name pasted in, few enough to keep the query small.
    public let terms: [String]
    /// The words a row must match, each as the start of one of its words.
    public let required: [String]

    /// Type words and unit words that almost every name holds, folded; longest phrases first.
    static let commonPhrases: [[String]] = [
        "lien hiep hop tac xa", "quy tin dung nhan dan", "to hop tac", "hop tac xa", "lien hiep", "thi tran",
        "htx", "lhhtx", "tht", "qtdnd", "xa", "phuong",
    ].map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    public init?(_ query: String?) {
        let terms = searchTerms(query ?? "", limit: 16)
        guard !terms.isEmpty else { return nil }
        self.terms = terms
        var kept: [String] = []
        var index = 0
        while index < terms.count {
            if let phrase = Self.commonPhrases.first(where: { terms[index...].starts(with: $0) }) {
                index += phrase.count
            } else {
                kept.append(terms[index])
                index += 1
            }
        }
        required = kept.isEmpty ? terms : kept
    }

    /// The words as one phrase.
    public var phrase: String { terms.joined(separator: " ") }
}
