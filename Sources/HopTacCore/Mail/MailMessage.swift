import Foundation

/// One plain-text message in Vietnamese, and its wire form (RFC 5322 with MIME): UTF-8 headers as encoded words, the
/// body in base64 so that no line is too long and no byte is lost by a server that only passes 7-bit text.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var body: String

    public init(from: MailAddress, to: MailAddress, subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as sent after DATA, lines ending in CRLF, without the final "." line. `id` makes the Message-ID.
    public func wireFormat(date: Date, id: String) -> String {
        let encodedBody = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let lines = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(id)@\(from.domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            encodedBody,
        ]
        return lines.joined(separator: "\r\n")
    }

    /// A header value as RFC 2047 encoded words when it is not plain ASCII (or `always`), folded so that no line passes
    /// 78 characters and no character is split; line breaks become spaces, so a value can never start a header.
    static func encodedWord(_ text: String, always: Bool = false) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if !always, flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) { return flat }
        var words: [String] = [], chunk = ""
        for character in flat {
            if chunk.utf8.count + character.utf8.count > 36 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        words.append(chunk)
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let weekday = days[((parts.weekday ?? 1) - 1) % 7], month = months[((parts.month ?? 1) - 1) % 12]
        return "\(weekday), \(parts.day ?? 1) \(month) \(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}

/// A mailbox: an address people can trust to be one (checked once, here) and an optional display name.
public struct MailAddress: Sendable, Equatable {
    public let address: String
    public let name: String?

    /// Nil unless `address` is one plain mailbox: no spaces, angle brackets, commas or line breaks that could add a
    /// recipient or a header, one "@" with a dotted domain, at most 254 bytes.
    public init?(_ address: String, name: String? = nil) {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = CharacterSet(charactersIn: " <>,;:\"()[]\\\r\n\t")
        guard trimmed.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && !forbidden.contains($0) })
        else { return nil }
        self.address = trimmed
        self.name = name.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// `Tên <address>`, the name always encoded: a comma or quote in it then cannot read as another address.
    /// The address goes on a line of its own when it would make the name's last line too long.
    var header: String {
        guard let name else { return "<\(address)>" }
        let encoded = MailMessage.encodedWord(name, always: true)
        let lastLine = encoded.components(separatedBy: "\r\n").last ?? encoded
        return encoded + (lastLine.count + address.count + 3 > 70 ? "\r\n " : " ") + "<\(address)>"
    }
}
