import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Imports communes' populations from a sheet: all rows or none. A commune's figure for a year replaces the one
/// recorded before; the administrator imports any commune, a provincial officer those of the province.
enum PopulationImport {
    static func run(_ sheet: Sheet, filename: String, year: Int?, dryRun: Bool, principal: Principal, actor: Actor, on database: any Database,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let sql = try database.sql()
        var sheetImport = try YearlySheetImport(sheet, reader: PopulationSheet(), filename: filename, year: year, dryRun: dryRun)
        let rows = sheetImport.rows
        guard !rows.isEmpty else { return sheetImport.report }
        func problem(_ row: Int, _ field: PopulationField, _ value: String, _ reason: String) { sheetImport.problem(row, field, value, reason) }
        struct Commune: Decodable { let code: String; let provinceCode: String }
        struct Known: Decodable { let communeCode: String; let year: Int; let population: Int64 }
        var provinces: [String: String] = [:], known: [String: Int64] = [:]
        let codes = Array(Set(rows.map(\.communeCode)))
        for chunk in codes.chunks(of: 500) {
            for commune in try await sql.raw("SELECT code, province_code FROM communes WHERE code IN (\(binds: chunk))")
                .all(decoding: Commune.self, keyDecodingStrategy: .snakeCaseColumns) { provinces[commune.code] = commune.provinceCode }
            for row in try await sql.raw("SELECT commune_code, year, population FROM populations WHERE commune_code IN (\(binds: chunk))")
                .all(decoding: Known.self, keyDecodingStrategy: .snakeCaseColumns) { known["\(row.communeCode)/\(row.year)"] = row.population }
        }
        var changes: [(input: PopulationInput, province: String, isNew: Bool)] = []
        for (index, row) in rows.enumerated() {
            guard let province = provinces[row.communeCode] else {
                problem(row.row, .commune, row.communeCode, "không có xã, phường, đặc khu nào mang mã này (mã đơn vị hành chính 2025).")
                continue
            }
            switch principal.registryWriteScope {
            case .everything: break
            case .province(let own) where own == province: break
            default:
                problem(row.row, .commune, row.communeCode, principal.role == .provinceOfficer ? "xã này không thuộc tỉnh bạn phụ trách."
                    : "chỉ quản trị hệ thống hoặc cán bộ cấp tỉnh nhập dân số.")
                continue
            }
            switch known["\(row.communeCode)/\(row.year)"] {
            case .none: changes.append((row, province, true))
            case .some(let population) where population != row.population: changes.append((row, province, false))
            default: sheetImport.report.unchanged += 1
            }
            if index % 500 == 499 { progress(index + 1, rows.count) }
        }
        progress(rows.count, rows.count)
        guard !sheetImport.failed else { return sheetImport.report }
        sheetImport.report.created = changes.filter(\.isNew).count
        sheetImport.report.updated = changes.count - sheetImport.report.created
        guard !dryRun, !changes.isEmpty else { return sheetImport.report }
        let writes = changes
        try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            for (input, _, isNew) in writes {
                if isNew {
                    try await sql.raw("""
                        INSERT INTO populations (commune_code, year, population, actor, recorded_at)
                        VALUES (\(bind: input.communeCode), \(bind: input.year), \(bind: input.population), \(bind: actor.name), \(bind: now))
                        """).run()
                } else {
                    try await sql.raw("""
                        UPDATE populations SET population = \(bind: input.population), actor = \(bind: actor.name), recorded_at = \(bind: now)
                        WHERE commune_code = \(bind: input.communeCode) AND year = \(bind: input.year)
                        """).run()
                }
            }
            try await FigureVersionTriggers.bump(communes: writes.map { ($0.input.communeCode, $0.province) }, on: sql)
            let provinces = Set(writes.map(\.province))
            try await AuditLog.record("population.import", entity: "populations", id: nil, provinceCode: provinces.count == 1 ? provinces.first : nil,
                                      summary: "Nhập dân số của \(Set(writes.map(\.input.communeCode)).count) xã, phường (năm \(Set(writes.map(\.input.year)).sorted().map(String.init).joined(separator: ", "))) từ \(filename)",
                                      actor: actor, on: sql)
        }
        return sheetImport.report
    }
}
