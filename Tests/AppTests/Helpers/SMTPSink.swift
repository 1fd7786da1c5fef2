import Foundation
import HopTacCore
import Testing
@testable import App

/// A real SMTP server on loopback (Python's aiosmtpd, see Fixtures/smtp_sink.py) and the messages it has received.
/// It can be stopped and started again on the same port, as a mail server that goes down and comes back.
final class SMTPSink: @unchecked Sendable {
    let maildir: URL
    private(set) var port = 0
    private var process: Process?

    init() throws {
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-mail-\(UUID().uuidString)")
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: maildir)
    }

    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures")).path
    }

    /// Starts the server (on its previous port after a `stop`) and waits until it listens.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", try Self.fixture("smtp_sink"), maildir.path, String(port)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let listening = Int(line) else { throw SMTPSinkError(message: "smtp_sink.py did not start: “\(line)” (is aiosmtpd installed?)") }
        port = listening
        self.process = process
    }

    func stop() {
        guard let process else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// Mail settings pointing at this server, looked at every 0,1 s and retried 0,2 s after a first failure.
    func settings() throws -> MailSettings {
        MailSettings(smtp: SMTPSettings(host: "127.0.0.1", port: port, tls: false), from: try #require(MailAddress("no-reply@hoptac.test", name: "HợpTác")),
                     publicURL: "http://hoptac.test", interval: .milliseconds(100), firstRetry: 0.2)
    }

    struct Message: Decodable { let to: String; let subject: String; let body: String }

    func messages() throws -> [Message] {
        guard FileManager.default.fileExists(atPath: maildir.path) else { return [] }
        return try JSONDecoder().decode([Message].self, from: try runCommand(["python3", try Self.fixture("read_maildir"), maildir.path]).output)
    }

    /// The messages once there are at least `count`, waiting up to `seconds`.
    func waitForMessages(_ count: Int, seconds: Double = 10) async throws -> [Message] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let received = try messages()
            if received.count >= count || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

struct SMTPSinkError: Error, CustomStringConvertible { let message: String; var description: String { message } }
