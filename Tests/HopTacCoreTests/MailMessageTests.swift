import Foundation
import Testing
@testable import HopTacCore

@Suite("Mail messages")
struct MailMessageTests {
    @Test("UTF-8 headers become encoded words in lines of at most 78 characters, the body base64; nothing can add a header or a recipient")
    func wireFormat() throws {
        let from = try #require(MailAddress("no-reply@hoptac.test", name: "HợpTác"))
        let to = try #require(MailAddress("dongtam@htx.test", name: "Nguyễn Văn A, \"Giám đốc\""))
        let subject = "Báo cáo năm 2025 của Hợp tác xã Đồng Tâm bị trả lại\r\nBcc: x@evil.test"
        let text = MailMessage(from: from, to: to, subject: subject, body: "Dòng một\n.\nDòng ba")
            .wireFormat(date: Date(timeIntervalSince1970: 1_796_000_000), id: "hoptac-1")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("Bcc:") }, "a line break in the subject cannot start a header")
        let headers = lines.prefix { !$0.isEmpty }
        #expect(headers.first == "From: =?UTF-8?B?SOG7o3BUw6Fj?= <no-reply@hoptac.test>")
        #expect(headers.contains(" <dongtam@htx.test>"), "a long name puts the address on the next line")
        #expect(headers.contains("Date: Mon, 30 Nov 2026 00:53:20 +0000"))
        #expect(headers.contains("Message-ID: <hoptac-1@hoptac.test>"))
        let subjectLine = try #require(headers.first { $0.hasPrefix("Subject: ") })
        let words = ([String(subjectLine.dropFirst("Subject: ".count))] + headers.drop { $0 != subjectLine }.dropFirst().prefix { $0.hasPrefix(" ") })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let decoded = words.map { word -> String in
            let inner = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(inner)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == "Báo cáo năm 2025 của Hợp tác xã Đồng Tâm bị trả lại  Bcc: x@evil.test")
        let body = lines.drop { !$0.isEmpty }.dropFirst().joined()
        #expect(String(decoding: Data(base64Encoded: body) ?? Data(), as: UTF8.self) == "Dòng một\r\n.\r\nDòng ba")
    }

    @Test("an address is one plain mailbox or nothing")
    func addresses() {
        for good in ["a@b.vn", "can.bo+xa@thanhsen.gov.vn"] { #expect(MailAddress(good) != nil, "\(good)") }
        for bad in ["", "a", "a@b", "a@.vn", "a b@c.vn", "a@b.vn>, c@d.vn", "a@b.vn\r\nBcc: c@d.vn", "<a@b.vn>", "ngườidùng@b.vn", "a@b.vn."] {
            #expect(MailAddress(bad) == nil, "\(bad)")
        }
    }
}
