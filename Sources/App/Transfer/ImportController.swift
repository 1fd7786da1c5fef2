import HopTacCore
import Plot
import Vapor

/// `/import/organizations`: upload a CSV/XLSX, see every problem or what would change, then confirm.
/// The uploaded file waits in a private temporary folder between the preview and the confirmation.
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "import", "organizations", access: .signedIn(.createOrganization), use: form)
        routes.on(.POST, "import", "organizations", access: .signedIn(.createOrganization), maxBody: "25mb", use: preview)
        routes.on(.POST, "import", "organizations", "confirm", access: .signedIn(.createOrganization), use: confirm)
    }

    struct Upload: Content {
        var file: File
        var sheet: String?
    }

    static let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hoptac-imports")

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
        let report: ImportReport
        do {
            let parsed = try SpreadsheetFile.read(data, filename: upload.file.filename, sheet: sheet)
            report = try await OrganizationImport.run(parsed, filename: upload.file.filename, dryRun: true, scope: principal.registryWriteScope, actor: req.actor, on: req.db)
        } catch let error as SpreadsheetError {
            return page(report: nil, message: error.message, token: nil, status: .unprocessableEntity).response()
        }
        var token: String?
        if report.isClean {
            // Named after the user so that nobody else can confirm it.
            let name = "\(principal.userId)-\(Secrets.random(bytes: 12))"
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try JSONEncoder().encode(Pending(filename: upload.file.filename, sheet: sheet, data: data)).write(to: Self.folder.appendingPathComponent(name))
            token = name
        }
        return page(report: report, message: nil, token: token, status: report.isClean ? .ok : .unprocessableEntity).response()
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let token = try req.decodeBody([String: String].self)["token"] ?? ""
        guard token.hasPrefix("\(principal.userId)-"), !token.contains("/"), !token.contains("."),
              let saved = try? Data(contentsOf: Self.folder.appendingPathComponent(token)),
              let pending = try? JSONDecoder().decode(Pending.self, from: saved) else {
            return page(report: nil, message: "Phiên xem trước đã hết hạn hoặc không phải của bạn; hãy tải tệp lên lại.", token: nil, status: .gone).response()
        }
        try? FileManager.default.removeItem(at: Self.folder.appendingPathComponent(token))
        let report: ImportReport
        do {
            let parsed = try SpreadsheetFile.read(pending.data, filename: pending.filename, sheet: pending.sheet)
            report = try await OrganizationImport.run(parsed, filename: pending.filename, dryRun: false, scope: principal.registryWriteScope, actor: req.actor, on: req.db)
        } catch let stale as StaleVersion {
            return page(report: nil, message: "“\(stale.current.name)” vừa được người khác sửa trong lúc bạn xem trước; không có gì được ghi. Hãy tải tệp lên lại.", token: nil, status: .conflict).response()
        }
        return page(report: report, message: nil, token: nil, status: report.isClean ? .ok : .unprocessableEntity).response()
    }

    struct Pending: Codable {
        var filename: String
        var sheet: String?
        var data: Data
    }

    private func page(report: ImportReport?, message: String?, token: String?, status: HTTPResponseStatus) -> Page {
        Page(title: "Nhập tổ chức từ tệp", breadcrumbs: [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", "/organizations"), ("Nhập từ tệp", nil)], status: status, content: .div(
            .h1("Nhập tổ chức từ tệp CSV hoặc Excel"),
            .unwrap(message) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .unwrap(report) { report in .group(
                .div(.class(report.isClean ? "notice" : "error-summary"), .attribute(named: "role", value: report.isClean ? "status" : "alert"),
                     .p(.strong(.text(report.summary))), .p(.class("muted"), .text("Tệp \(report.filename), trang “\(report.sheet)”."))),
                .if(!report.problems.isEmpty, .table(.class("list"),
                    .caption(.text("Các lỗi cần sửa trong tệp (không dòng nào được ghi cho đến khi hết lỗi)")),
                    .thead(.tr(.th(.class("num"), .text("Dòng")), .th("Cột"), .th("Giá trị"), .th("Lý do"))),
                    .tbody(.forEach(report.problems.prefix(1000)) { p in
                        .tr(.td(.class("num"), .text(String(p.row))), .td(.text(p.column)), .td(.text(p.value)), .td(.text(p.reason)))
                    }))),
                .unwrap(token) { token in
                    .form(.method(.post), .action("/import/organizations/confirm"), .class("actions"),
                          .csrfField(), .input(.type(.hidden), .name("token"), .value(token)),
                          .button(.type(.submit), .text("Xác nhận nhập")), .a(.href("/import/organizations"), .text("Huỷ")))
                }
            ) },
            .if(token == nil, .form(.method(.post), .action("/import/organizations"), .enctype(.multipartData), .class("record single"),
                .csrfField(),
                .div(.class("field"), .label(.for("file"), .text("Tệp .xlsx hoặc .csv (UTF-8)")),
                     .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".xlsx,.csv"), .required(true))),
                .div(.class("field"), .label(.for("sheet"), .text("Trang tính (tên hoặc số thứ tự; để trống là trang đầu)")),
                     .input(.type(.text), .id("sheet"), .name("sheet"))),
                .div(.class("actions"), .button(.type(.submit), .text("Kiểm tra tệp")))
            )),
            .section(.h2("Tệp cần có"),
                .p(.text("Một dòng tiêu đề (có thể có tiêu đề văn bản phía trên) với các cột như: Tên HTX, Mã số HTX, Loại hình, Lĩnh vực, Xã/phường (mã 2025, mã xã cũ hoặc tên xã kèm cột Tỉnh/thành), Ngày thành lập, Vốn điều lệ (triệu đồng), Số thành viên. Tên cột có dấu hay không dấu đều được. Số viết 1.234.567, 1.234,5 hoặc 1,234.5; ngày viết dd/mm/yyyy hoặc d/m/yy.")),
                .p(.text("Dòng có mã số trùng với hồ sơ đã có sẽ cập nhật hồ sơ đó; tệp xuất từ danh sách tổ chức có thể nhập lại nguyên trạng.")))
        ))
    }
}
