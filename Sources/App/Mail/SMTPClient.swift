import Foundation
import HopTacCore
import NIOCore
import NIOPosix
import NIOSSL

/// Where mail goes: `HOPTAC_SMTP_URL=smtp://[user:password@]host[:port]` (port 25 unless given), or `smtps://…` for a
/// server that speaks TLS from the first byte (port 465). STARTTLS is not offered: use `smtps://`, or a relay on the
/// machine or the local network.
struct SMTPSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var tls: Bool
    var username: String? = nil
    var password: String? = nil

    static func parse(_ raw: String) throws -> SMTPSettings {
        guard let url = URLComponents(string: raw.trimmed), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ConfigError(message: "HOPTAC_SMTP_URL phải có dạng smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng, không phải “\(AppConfig.redactingPassword(raw))”.")
        }
        let port = url.port ?? (scheme == "smtps" ? 465 : 25)
        guard (1...65535).contains(port) else { throw ConfigError(message: "Cổng của HOPTAC_SMTP_URL phải từ 1 đến 65535.") }
        return SMTPSettings(host: host, port: port, tls: scheme == "smtps",
                            username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding)
    }

    /// For the administrator's page and logs: never the password.
    var description: String { "\(tls ? "smtps" : "smtp")://\(username.map { "\($0)@" } ?? "")\(host):\(port)" }
}

/// A mail server refused a command, or answered nonsense; the message carries its reply for the outbox page.
struct SMTPError: Error, CustomStringConvertible {
    let description: String
}

/// Sends one message per connection: greeting, EHLO, AUTH PLAIN when configured, MAIL FROM, RCPT TO, DATA, QUIT.
/// The whole exchange has a deadline, so a server that stops answering fails the attempt instead of holding the sender.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    var timeout: Duration = .seconds(60)

    func send(_ message: MailMessage, id: String, date: Date) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await exchange(message, id: id, date: date) }
            tasks.addTask { [timeout] in
                try await Task.sleep(for: timeout)
                throw SMTPError(description: "Máy chủ thư không trả lời trong \(timeout.components.seconds) giây.")
            }
            defer { tasks.cancelAll() }
            try await tasks.next()
        }
    }

    private func exchange(_ message: MailMessage, id: String, date: Date) async throws {
        let settings = settings
        let channel = try await ClientBootstrap(group: group).connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: settings.host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = ReplyReader(iterator: inbound.makeAsyncIterator())
            func command(_ line: String?, expect codes: Set<Int>) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next()
                guard codes.contains(reply.code) else {
                    throw SMTPError(description: "Máy chủ thư từ chối \(line.map { "“\($0.split(separator: " ").first ?? "")”" } ?? "kết nối"): \(reply.code) \(reply.text)")
                }
            }
            try await command(nil, expect: [220])
            try await command("EHLO \(message.from.domain)", expect: [250])
            if let username = settings.username {
                let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: [235])
            }
            try await command("MAIL FROM:<\(message.from.address)>", expect: [250])
            try await command("RCPT TO:<\(message.to.address)>", expect: [250, 251])
            try await command("DATA", expect: [354])
            // A line that starts with "." gets another one, so that it cannot end the message early (RFC 5321 §4.5.2).
            let data = message.wireFormat(date: date, id: id).components(separatedBy: "\r\n")
                .map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
            try await command(data + "\r\n.", expect: [250])
            try? await command("QUIT", expect: [221])
        }
    }

    /// Reads replies ("250-first", "250 last") from the byte stream, one complete reply at a time.
    private struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async throws -> (code: Int, text: String) {
            var lines: [String] = []
            while true {
                let line = try await nextLine()
                lines.append(line)
                let bytes = Array(line.utf8)
                // A reply longer than a few kilobytes is not SMTP: stop rather than collect it.
                guard bytes.count >= 3, let code = Int(String(line.prefix(3))), lines.count < 100 else {
                    throw SMTPError(description: "Máy chủ thư trả lời không đúng giao thức SMTP: “\(line.prefix(80))”.")
                }
                if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                    return (code, lines.map { String($0.dropFirst(4)) }.joined(separator: " "))
                }
            }
        }

        private mutating func nextLine() async throws -> String {
            while true {
                if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(pending[..<end])
                    pending.removeSubrange(...end)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                guard pending.count < 4096 else { throw SMTPError(description: "Máy chủ thư gửi một dòng quá dài.") }
                guard var buffer = try await iterator.next() else { throw SMTPError(description: "Máy chủ thư đóng kết nối giữa chừng.") }
                pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
        }
    }
}
