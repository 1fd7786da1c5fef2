import Foundation
import Testing
import Vapor
@testable import App

@Suite("Administrative units of both eras and the 2025 crosswalk")
struct AdminUnitsTests {
    @Test("both eras are complete, with validity dates")
    func bothEras() async throws {
        try await TestApp.run { _, client in
            let units = try await client.getJSON("/units.json")
            let provinces = units["provinces"] as? [[String: Any]] ?? []
            let legacy = units["legacy_provinces"] as? [[String: Any]] ?? []
            #expect(provinces.count == 34)
            #expect(legacy.count == 63)
            #expect(provinces.reduce(0) { $0 + ($1["commune_count"] as? Int ?? 0) } == 3321)
            // The source lists 10,040 legacy rows, five of which are island districts without communes.
            #expect(legacy.reduce(0) { $0 + ($1["commune_count"] as? Int ?? 0) } == 10035)
            #expect(provinces.allSatisfy { $0["valid_from"] as? String == "2025-07-01" })
            #expect(legacy.allSatisfy { $0["valid_to"] as? String == "2025-06-30" })

            let page = try await client.get("/units")
            #expect(page.body.string.contains("Tỉnh Hà Tĩnh"))
            #expect(page.body.string.contains("3.321 xã, phường, đặc khu"))
            let hatinh = try await client.getJSON("/units/provinces/42.json")
            #expect((hatinh["communes"] as? [[String: Any]])?.count ?? 0 > 50)
            let search = try await client.getJSON("/units/provinces/42.json?q=thanh%20sen")
            #expect((search["communes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Phường Thành Sen"])
            let districts = try await client.getJSON("/units/legacy-provinces/02.json")
            #expect((districts["province"] as? [String: Any])?["name"] as? String == "Tỉnh Hà Giang")
        }
    }

    @Test("a split legacy commune lists its successors with the default one first")
    func splitCommuneCrosswalk() async throws {
        try await TestApp.run { _, client in
            let legacy = try await client.getJSON("/units/legacy-communes/\(Place.congViLegacy).json")
            #expect(legacy["name"] as? String == "Phường Cống Vị")
            #expect(legacy["valid_to"] as? String == "2025-06-30")
            let successors = legacy["successors"] as? [[String: Any]] ?? []
            #expect(successors.map { $0["code"] as? String } == [Place.ngocHa, Place.giangVo])
            #expect(successors.map { $0["default"] as? Bool } == [true, false])
            #expect(successors.allSatisfy { $0["kind"] as? String == "split" })

            let commune = try await client.getJSON("/units/communes/\(Place.ngocHa).json")
            #expect(commune["name"] as? String == "Phường Ngọc Hà")
            #expect(commune["valid_from"] as? String == "2025-07-01")
            let predecessors = commune["predecessors"] as? [[String: Any]] ?? []
            let congVi = predecessors.first { $0["code"] as? String == Place.congViLegacy }
            #expect(congVi?["default"] as? Bool == true)
            #expect(congVi?["kind"] as? String == "split")
            #expect(predecessors.contains { $0["code"] as? String == "00006" && $0["kind"] as? String == "whole" })

            let page = try await client.get("/units/legacy-communes/\(Place.congViLegacy)")
            #expect(page.body.string.contains("Đã được chia cho 2 xã/phường từ 01/07/2025"))
            let api = try await client.getJSON("/api/v1/units/legacy-communes/\(Place.congViLegacy)")
            #expect((api["successors"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test("an unknown unit code is a 404 with a Vietnamese message")
    func unknownUnit() async throws {
        try await TestApp.run { _, client in
            let response = try await client.get("/units/communes/99999.json")
            #expect(response.status == .notFound)
            #expect(((response.json["error"] as? [String: Any])?["message"] as? String)?.contains("Không có xã/phường mã “99999”") == true)
            let html = try await client.get("/units/legacy-communes/abc")
            #expect(html.status == .notFound)
            #expect(html.body.string.contains("Không có xã cũ mã “abc”"))
        }
    }
}
