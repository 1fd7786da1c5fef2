import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

/// Every page that shows the figures of a closed year, rendered from the province demo (seed 7) and compared with the
/// HTML kept in `Snapshots/`, so a refactor shows what it changes on the pages officials read. A change that is meant
/// is recorded again with `HOPTAC_RECORD_SNAPSHOTS=1 swift test --filter PageSnapshotTests` and reviewed in the diff.
///
/// Only what the demo fixes is compared: the pages of 2025 (closed, counted as it stood on 31/12/2025). Pages that
/// depend on today (reminders, programme deadlines, the current year) are left out rather than faked, and values that
/// change between runs without changing the page (database ids, the CSRF token, the clock) are masked.
@Suite("Page snapshots on the province demo", .serialized)
struct PageSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The pages, named by their snapshot file; `{id}` is the first organisation of the demo by registration code.
    static let pages: [(name: String, path: String)] = [
        ("figures-province", "/figures?province=42&year=2025"),
        ("figures-nation", "/figures?year=2025"),
        ("classification", "/classification/2025?province=42"),
        ("classification-organizations", "/classification/2025/organizations?province=42&band=weak"),
        ("report-round", "/reports?year=2025&province=42"),
        ("map", "/map?year=2025&province=42"),
        ("organizations", "/organizations?province=42&type=htx&status=active&sort=name"),
        ("organization", "/organizations/{id}"),
        ("report", "/organizations/{id}/reports/2025"),
        ("public", "/public?province=42"),
        ("public-organization", "/public/organizations/{id}"),
    ]

    @Test("the pages of 2025 are the ones recorded, on SQLite and PostgreSQL alike")
    func pagesAsRecorded() async throws {
        let record = ProcessInfo.processInfo.environment["HOPTAC_RECORD_SNAPSHOTS"] == "1"
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)
            let id = try await app.db.sql().raw("SELECT id FROM organizations WHERE registration_code IS NOT NULL ORDER BY registration_code LIMIT 1")
                .first(decodingColumn: "id", as: Int.self) ?? 0
            for page in Self.pages {
                let path = page.path.replacingOccurrences(of: "{id}", with: String(id))
                let response = try await admin.get(path)
                #expect(response.status == .ok, "\(path)")
                let html = Self.normalised(response.body.string, id: id)
                let file = Self.directory.appendingPathComponent(page.name + ".html")
                if record {
                    try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                    try Data(html.utf8).write(to: file)
                    continue
                }
                let kept = try #require(try? String(contentsOf: file, encoding: .utf8), "no snapshot \(page.name).html: record it")
                if let difference = Self.firstDifference(kept, html) {
                    Issue.record("\(path) differs from Snapshots/\(page.name).html at line \(difference.line):\n− \(difference.kept)\n+ \(difference.now)")
                }
            }
        }
    }

    /// One element per line; ids of the demo's rows, the CSRF token, times of day, today's date (when the demo was
    /// loaded) and the site's header masked.
    static func normalised(_ html: String, id: Int) -> String {
        var text = html.replacingOccurrences(of: "><", with: ">\n<").replacingOccurrences(of: Day.today().vietnamese, with: "{today}")
        let masks: [(pattern: String, replacement: String)] = [
            (#"name="\#(AccessMiddleware.csrfField)" value="[^"]*""#, #"name="\#(AccessMiddleware.csrfField)" value="…""#),
            (#"/organizations/\#(id)(?=[/"?.#])"#, "/organizations/{id}"),
            (#"/organizations/\d+(?=[/"?.#])"#, "/organizations/{n}"),
            // Grants are numbered by the database's sequence, which PostgreSQL does not rewind when the demo is reloaded.
            (#"/support/\d+(?=[/"?.#])"#, "/support/{n}"),
            (#"\b\d{2}:\d{2}(:\d{2})?\b"#, "{time}"),
            // The menu follows the current year and has its own tests (`MenuTests`).
            (#"<header class="site">[\s\S]*?</header>"#, #"<header class="site">{menu}</header>"#),
        ]
        for mask in masks {
            text = text.replacingOccurrences(of: mask.pattern, with: mask.replacement, options: .regularExpression)
        }
        return text
    }

    static func firstDifference(_ kept: String, _ now: String) -> (line: Int, kept: String, now: String)? {
        let a = kept.split(separator: "\n", omittingEmptySubsequences: false), b = now.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "(hết)", right = index < b.count ? String(b[index]) : "(hết)"
            if left != right { return (index + 1, left, right) }
        }
        return nil
    }
}
