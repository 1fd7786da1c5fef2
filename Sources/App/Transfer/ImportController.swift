import Fluent
import HopTacCore
import Plot
import Vapor

/// What a sheet is imported into: organisations of the registry, or annual reports of a year.
enum ImportKind: String, Sendable {
    case organizations, reports, support, population, creditFunds = "credit-funds"

    var capability: Capability {
        switch self {
        case .organizations: .createOrganization
        case .reports: .handleReports
        case .support: .recordSupport
        case .population: .recordPopulation
        case .creditFunds: .recordCreditFunds
        }
    }

    var path: String { "/import/\(rawValue)" }

    var title: String {
        switch self {
        case .organizations: "Nhập tổ chức từ tệp"
        case .reports: "Nhập báo cáo hằng năm từ tệp"
        case .support: "Nhập kết quả hỗ trợ từ tệp"
        case .population: "Nhập dân số từ tệp"
        case .creditFunds: "Nhập số liệu quỹ tín dụng nhân dân từ tệp"
        }
    }

    var crumb: (String, String) {
        switch self {
        case .organizations: ("Tổ chức kinh tế tập thể", "/organizations")
        case .reports: ("Báo cáo hằng năm", "/reports")
        case .support: ("Hỗ trợ đã thực hiện", "/support")
        case .population: ("Dân số", "/population")
        case .creditFunds: ("Quỹ tín dụng nhân dân", "/credit-funds")
        }
    }

    var instructions: String {
        switch self {
        case .organizations:
            "Một dòng tiêu đề (có thể có tiêu đề văn bản phía trên) với các cột như: Tên HTX, Mã số HTX, Loại hình, Lĩnh vực, Xã/phường (mã 2025, mã xã cũ hoặc tên xã kèm cột Tỉnh/thành), Ngày thành lập, Vốn điều lệ (triệu đồng), Số thành viên. Tên cột có dấu hay không dấu đều được; biểu mẫu có hai dòng tiêu đề (ô gộp như “Số thành viên” trên “Chính thức”, “Liên kết”), dòng đánh số cột (1), (2)… và dòng “Tổng cộng” ở cuối vẫn đọc được. Số viết 1.234.567, 1.234,5 hoặc 1,234.5; ngày viết dd/mm/yyyy hoặc d/m/yy. Dòng có mã số trùng với hồ sơ đã có sẽ cập nhật hồ sơ đó; tệp xuất từ danh sách tổ chức có thể nhập lại nguyên trạng."
        case .support:
            "Một dòng tiêu đề với cột “Chính sách” (mã chính sách, xem trang Chính sách hỗ trợ) và cột “Mã số HTX” của tổ chức được hỗ trợ; mỗi dòng là một khoản hỗ trợ (một học viên của lớp, một người lao động trẻ, một khoản vay, một lô đất…). Các cột khác: Ngày hỗ trợ, Số tiền (triệu đồng; ghi “(đồng)”, “(nghìn đồng)” hay “(tỷ đồng)” trong tên cột nếu tính theo đơn vị đó), Số lượng, Đơn vị tính, Trạng thái (Đã phê duyệt, Đã giải ngân, Đã hoàn thành), Họ và tên, Chức vụ, Khóa học, Địa điểm, Trình độ, Đến ngày, Bên cho vay, Lãi suất (%/năm), Thời hạn vay (tháng), Dư nợ, Nợ quá hạn, Diện tích (m²), Hình thức sử dụng đất, Số quyết định, Ghi chú. Dòng trùng với khoản đã ghi (cùng chính sách, tổ chức, người, ngày, số tiền, khóa học) được bỏ qua, nên nhập lại một tệp không tính hai lần."
        case .population:
            "Một dòng tiêu đề với cột “Mã xã” (mã đơn vị hành chính 2025, 5 chữ số; mã mất số 0 ở đầu vẫn đọc được) và cột “Dân số” (người); cột “Năm” nếu tệp có nhiều năm, nếu không thì chọn năm ở dưới. Cột “Tên xã” nếu có chỉ để đối chiếu. Số dân của một xã trong một năm thay cho số đã nhập trước đó."
        case .creditFunds:
            "Bảng số liệu năm của Ngân hàng Nhà nước: một dòng tiêu đề với cột “Mã số QTDND” (mã số đăng ký của quỹ) và cột “Dư nợ cho vay”; các cột khác: Số thành viên, Vốn điều lệ, Tiền gửi huy động, Nợ xấu và/hoặc Tỷ lệ nợ xấu (%), Tên quỹ (chỉ để đối chiếu). Số tiền tính bằng triệu đồng, hoặc theo đơn vị ghi trong tên cột như “(tỷ đồng)”. Cột “Năm” nếu tệp có nhiều năm, nếu không thì chọn năm ở dưới. Chỉ ghi tỷ lệ nợ xấu thì nợ xấu được tính bằng tỷ lệ nhân dư nợ; ghi cả hai thì hai số phải khớp. Số liệu của một quỹ trong một năm thay cho số đã nhập trước đó."
        case .reports:
            "Một dòng tiêu đề với cột “Mã số HTX” và các cột số liệu mang tên như trên mẫu báo cáo: Số thành viên chính thức, Số lao động thường xuyên, Vốn điều lệ, Tổng tài sản, Doanh thu, Lợi nhuận trước thuế, Tham gia chuỗi giá trị (có/không)…, điểm tự chấm theo mã tiêu chí (TC8…TC15); cột “Năm” nếu tệp có nhiều năm. Số tiền tính bằng triệu đồng. Báo cáo được lưu ở dạng nháp để tổ chức hoặc cán bộ xã kiểm tra và gửi; báo cáo đã gửi hay đã khoá không bị ghi đè."
        }
    }

    /// `department` is the importer's agency, which limits the policies a sector department or the alliance records under.
    func run(_ sheet: Sheet, filename: String, year: Int?, dryRun: Bool, principal: Principal, department: String?, actor: Actor, on database: any Database,
             progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        switch self {
        case .support:
            try await SupportImport.run(sheet, filename: filename, dryRun: dryRun, permit: SupportPermit(principal: principal, department: department),
                                        actor: actor, on: database, progress: progress)
        case .organizations:
            try await OrganizationImport.run(sheet, filename: filename, dryRun: dryRun, scope: principal.registryWriteScope, actor: actor, on: database, progress: progress)
        case .reports:
            try await ReportImport.run(sheet, filename: filename, year: year, dryRun: dryRun, principal: principal, actor: actor, on: database, progress: progress)
        case .population:
            try await PopulationImport.run(sheet, filename: filename, year: year, dryRun: dryRun, principal: principal, actor: actor, on: database, progress: progress)
        case .creditFunds:
            try await CreditFundImport.run(sheet, filename: filename, year: year, dryRun: dryRun, permit: CreditFundPermit(principal: principal, department: department),
                                           actor: actor, on: database, progress: progress)
        }
    }
}

/// `/import/organizations` and `/import/reports`: upload a CSV, XLSX or XLS file, see every problem or what would change, then
/// confirm. The uploaded file waits in a private temporary folder between the preview and the confirmation.
struct ImportController: RouteCollection {
    let kind: ImportKind

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "import", .constant(kind.rawValue), access: .signedIn(kind.capability), use: form)
        routes.on(.POST, "import", .constant(kind.rawValue), access: .signedIn(kind.capability), maxBody: "25mb", use: preview)
        routes.on(.POST, "import", .constant(kind.rawValue), "confirm", access: .signedIn(kind.capability), use: confirm)
    }

    struct Upload: Content {
        var file: File
        var sheet: String?
        var year: Int?
    }

    static let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hoptac-imports")
    /// A preview can be confirmed for a day; files of previews nobody confirmed are removed after that.
    static let previewLifetime: TimeInterval = 86_400

    static func removeUnconfirmed(olderThan age: TimeInterval) {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for file in files {
            guard let written = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                  Date().timeIntervalSince(written) > age else { continue }
            try? FileManager.default.removeItem(at: file)
        }
    }

    @Sendable func form(req: Request) async throws -> Response {
        page(report: nil, message: nil, token: nil, status: .ok).response()
    }

    @Sendable func preview(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let upload: Upload
        do { upload = try req.content.decode(Upload.self) } catch {
            return page(report: nil, message: "Chưa chọn tệp để nhập.", token: nil, status: .badRequest).response()
        }
        let data = Data(buffer: upload.file.data)
        let sheet = upload.sheet.flatMap { $0.trimmed.isEmpty ? nil : $0 }
        let filename = upload.file.filename
        let report: ImportReport
        do {
            let parsed = try await BlockingWork.run { try SpreadsheetFile.read(data, filename: filename, sheet: sheet) }
            report = try await kind.run(parsed, filename: upload.file.filename, year: upload.year, dryRun: true, principal: principal,
                                        department: req.context.user?.department, actor: req.actor, on: req.db)
        } catch let error as SpreadsheetError {
            return page(report: nil, message: error.message, token: nil, status: .unprocessableEntity).response()
        }
        var token: String?
        if report.isClean {
            // Named after the user so that nobody else can confirm it.
            let name = "\(principal.userId)-\(Secrets.random(bytes: 12))"
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            Self.removeUnconfirmed(olderThan: Self.previewLifetime)
            try JSONEncoder().encode(Pending(filename: upload.file.filename, sheet: sheet, year: upload.year, data: data)).write(to: Self.folder.appendingPathComponent(name))
            token = name
        }
        return page(report: report, message: nil, token: token, status: report.isClean ? .ok : .unprocessableEntity).response()
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let token = try req.decodeBody([String: String].self)["token"] ?? ""
        Self.removeUnconfirmed(olderThan: Self.previewLifetime)
        guard token.hasPrefix("\(principal.userId)-"), !token.contains("/"), !token.contains("."),
              let saved = try? Data(contentsOf: Self.folder.appendingPathComponent(token)),
              let pending = try? JSONDecoder().decode(Pending.self, from: saved) else {
            return page(report: nil, message: "Phiên xem trước đã hết hạn hoặc không phải của bạn; hãy tải tệp lên lại.", token: nil, status: .gone).response()
        }
        try? FileManager.default.removeItem(at: Self.folder.appendingPathComponent(token))
        let report: ImportReport
        do {
            let parsed = try await BlockingWork.run { try SpreadsheetFile.read(pending.data, filename: pending.filename, sheet: pending.sheet) }
            report = try await kind.run(parsed, filename: pending.filename, year: pending.year, dryRun: false, principal: principal,
                                        department: req.context.user?.department, actor: req.actor, on: req.db)
        } catch let stale as StaleVersion {
            return page(report: nil, message: "“\(stale.current.name)” vừa được người khác sửa trong lúc bạn xem trước; không có gì được ghi. Hãy tải tệp lên lại.", token: nil, status: .conflict).response()
        }
        return page(report: report, message: nil, token: nil, status: report.isClean ? .ok : .unprocessableEntity).response()
    }

    struct Pending: Codable {
        var filename: String
        var sheet: String?
        var year: Int?
        var data: Data
    }

    private func page(report: ImportReport?, message: String?, token: String?, status: HTTPResponseStatus) -> Page {
        Page(title: kind.title, breadcrumbs: [("Trang chủ", "/"), (kind.crumb.0, kind.crumb.1), ("Nhập từ tệp", nil)], status: status, content: .div(
            .h1(.text(kind.title + " (CSV hoặc Excel)")),
            .unwrap(message) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .unwrap(report) { report in .group(
                .div(.class(report.isClean ? "notice" : "error-summary"), .attribute(named: "role", value: report.isClean ? "status" : "alert"),
                     .p(.strong(.text(report.summary))), .p(.class("muted"), .text("Tệp \(report.filename), trang “\(report.sheet)”."))),
                .if(!report.columns.isEmpty, .details(
                    .summary(.text("Các cột đã đọc: \(report.columns.filter { $0.use != nil }.count) cột dùng, \(report.columns.filter { $0.use == nil }.count) cột không dùng")),
                    .table(.class("list"), .thead(.tr(.th("Cột trong tệp"), .th("Đọc là"))),
                           .tbody(.forEach(report.columns) { column in
                               .tr(.td(.text(column.title)), .td(column.use.map { .text($0) } ?? .span(.class("muted"), .text("không dùng"))))
                           })))),
                .if(!report.problems.isEmpty, .table(.class("list"),
                    .caption(.text("Các lỗi cần sửa trong tệp (không dòng nào được ghi cho đến khi hết lỗi)")),
                    .thead(.tr(.th(.class("num"), .text("Dòng")), .th("Cột"), .th("Giá trị"), .th("Lý do"))),
                    .tbody(.forEach(report.problems.prefix(1000)) { p in
                        .tr(.td(.class("num"), .text(String(p.row))), .td(.text(p.column)), .td(.text(p.value)), .td(.text(p.reason)))
                    }))),
                .unwrap(token) { token in
                    .form(.method(.post), .action(kind.path + "/confirm"), .class("actions"),
                          .csrfField(), .input(.type(.hidden), .name("token"), .value(token)),
                          .button(.type(.submit), .text("Xác nhận nhập")), .a(.href(kind.path), .text("Huỷ")))
                }
            ) },
            .if(token == nil, .form(.method(.post), .action(kind.path), .enctype(.multipartData), .class("record single"),
                .csrfField(),
                .div(.class("field"), .label(.for("file"), .text("Tệp Excel (.xlsx, .xls), hoặc .csv / .txt như Excel lưu (UTF-8, Windows-1258 hay Unicode Text)")),
                     .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".xlsx,.xls,.xml,.csv,.txt,.htm,.html"), .required(true))),
                .div(.class("field"), .label(.for("sheet"), .text("Trang tính (tên hoặc số thứ tự; để trống là trang đầu)")),
                     .input(.type(.text), .id("sheet"), .name("sheet"))),
                .if([.reports, .population, .creditFunds].contains(kind), .div(.class("field"), .label(.for("year"), .text(kind == .reports ? "Năm báo cáo (khi tệp không có cột “Năm”)" : "Năm của số liệu (khi tệp không có cột “Năm”)")),
                     .input(.type(.number), .id("year"), .name("year"), .value(String(Day.today().year))))),
                .div(.class("actions"), .button(.type(.submit), .text("Kiểm tra tệp")))
            )),
            .section(.h2("Tệp cần có"), .p(.text(kind.instructions)))
        ))
    }
}
