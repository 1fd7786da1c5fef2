import Foundation
import Testing
import Vapor
@testable import App

/// Real commune codes used across tests.
enum Place {
    /// Phường Ngọc Hà, Hà Nội (01): formed from whole and split legacy wards.
    static let ngocHa = "00008"
    /// Phường Cống Vị (legacy, Ba Đình, Hà Nội): split between Ngọc Hà (default) and Giảng Võ.
    static let congViLegacy = "00007"
    static let giangVo = "00025"
    /// Phường Thành Sen, Hà Tĩnh (42).
    static let thanhSen = "18073"
}

extension TestClient {
    /// Creates an organisation through the JSON API and returns its id.
    @discardableResult
    func createOrganization(name: String, type: String = "htx", sector: String = "agriculture", code: String?,
                            commune: String = Place.thanhSen, extra: String = "") async throws -> Int {
        let codeJSON = code.map { "\"\($0)\"" } ?? "null"
        let response = try await sendJSON(.POST, "/api/v1/organizations", """
            {"name": "\(name)", "type": "\(type)", "sector": "\(sector)", "registration_code": \(codeJSON),
             "commune_code": "\(commune)", "official_members": 25, "charter_capital": 1500.5\(extra)}
            """)
        #expect(response.status == .created, "create \(name): \(response.body.string)")
        return response.json["id"] as? Int ?? 0
    }
}
