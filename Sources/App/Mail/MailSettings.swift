import Foundation
import HopTacCore

/// How the product sends mail, read from the environment; nil (mail off) without `HOPTAC_SMTP_URL`.
/// - `HOPTAC_SMTP_URL`: the server (see `SMTPSettings`).
/// - `HOPTAC_MAIL_FROM`: the sender, `no-reply@hoptac.local` unless set.
/// - `HOPTAC_PUBLIC_URL`: the site's address as people reach it, for the links in messages (`http://127.0.0.1:PORT`
///   unless set; behind a proxy, its public address).
struct MailSettings: Sendable {
    var smtp: SMTPSettings
    var from: MailAddress
    var publicURL: String
    /// How often the outbox is looked at, and the wait after a first failed attempt (doubled after each further one,
    /// at most an hour). Tests shorten both.
    var interval: Duration = .seconds(5)
    var firstRetry: TimeInterval = 30

    static func fromEnvironment(_ environment: [String: String], port: Int) throws -> MailSettings? {
        guard let raw = environment["HOPTAC_SMTP_URL"]?.trimmed, !raw.isEmpty else { return nil }
        let fromText = environment["HOPTAC_MAIL_FROM"]?.trimmed ?? ""
        guard let from = MailAddress(fromText.isEmpty ? "no-reply@hoptac.local" : fromText, name: "HợpTác") else {
            throw ConfigError(message: "HOPTAC_MAIL_FROM phải là một địa chỉ thư điện tử, không phải “\(fromText)”.")
        }
        let publicURL = environment["HOPTAC_PUBLIC_URL"]?.trimmed ?? ""
        if !publicURL.isEmpty, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) || URL(string: publicURL)?.host == nil {
            throw ConfigError(message: "HOPTAC_PUBLIC_URL phải là địa chỉ http:// hoặc https:// của trang, không phải “\(publicURL)”.")
        }
        return MailSettings(smtp: try SMTPSettings.parse(raw), from: from,
                            publicURL: publicURL.isEmpty ? "http://127.0.0.1:\(port)" : String(publicURL.trimmingSuffix("/")))
    }

    /// An absolute link to a path of the site, for a message.
    func link(_ path: String) -> String { publicURL + path }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> Substring {
        var text = Substring(self)
        while text.last == suffix { text = text.dropLast() }
        return text
    }
}
