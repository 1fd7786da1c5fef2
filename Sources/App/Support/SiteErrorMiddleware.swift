import HopTacCore
import Plot
import Vapor

/// Turns every error into a Vietnamese message: an HTML page for people, `{"error": …}` for `.json`, `.csv` and `/api`.
/// Internal errors are logged with detail and shown without it.
struct SiteErrorMiddleware: AsyncMiddleware {
    struct Body: Encodable {
        struct Detail: Encodable { let status: Int; let message: String; let fields: [String: String]? }
        let error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message, fields) = describe(error, request: request)
            if Self.wantsJSON(request) {
                let response = (try? Responses.json(Body(error: .init(status: Int(status.code), message: message, fields: fields)), status: status))
                    ?? Response(status: status)
                return response
            }
            return Page(
                title: status == .notFound ? "Không tìm thấy" : "Có lỗi",
                breadcrumbs: [("Trang chủ", "/")],
                status: status,
                content: .div(.h1(.text(status == .notFound ? "Không tìm thấy" : "Không thực hiện được yêu cầu")),
                              .p(.class("error"), .text(message)),
                              .unwrap(fields) { fields in .ul(.class("error"), .forEach(fields.sorted { $0.key < $1.key }) { .li(.text($0.value)) }) },
                              .p(.a(.href("/"), .text("Về trang chủ"))))
            ).response()
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        return path.hasPrefix("/api/") || path.hasSuffix(".json") || path.hasSuffix(".csv")
            || (request.headers.accept.first?.mediaType == .json)
    }

    private func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, String, [String: String]?) {
        switch error {
        case let failure as ValidationFailure:
            return (.unprocessableEntity, "Dữ liệu chưa hợp lệ (\(failure.problems.count) lỗi).", failure.problems.mapValues(\.message))
        case let stale as StaleVersion:
            return (.conflict, "Hồ sơ đã được người khác sửa (nay là phiên bản \(stale.current.version), lúc \(Show.timestamp(stale.current.updatedAt))). Không có gì được ghi; hãy tải lại rồi sửa lại.", nil)
        case let stale as StaleReport:
            return (.conflict, "Báo cáo đã được người khác thay đổi (nay là phiên bản \(stale.current.version)). Không có gì được ghi; hãy tải lại rồi làm lại.", nil)
        case let refused as ReportingError:
            return (.unprocessableEntity, refused.message, nil)
        case let refused as PlanTrackingError:
            return (.unprocessableEntity, refused.message, nil)
        case let abort as any AbortError:
            let reason = abort.status == .notFound && abort.reason == "Not Found" ? "Không có trang \(request.url.path)." : abort.reason
            return (abort.status, reason, nil)
        default:
            request.logger.error("Lỗi nội bộ: \(String(reflecting: error))")
            return (.internalServerError, "Lỗi nội bộ của hệ thống. Thao tác chưa được thực hiện; vui lòng thử lại hoặc báo quản trị viên.", nil)
        }
    }

    /// Names the field of a JSON body that could not be read.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "thiếu trường “\(([path(context)] + [key.stringValue]).filter { !$0.isEmpty }.joined(separator: "."))”."
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "trường “\(path(context))” sai kiểu dữ liệu."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "không phải JSON hợp lệ." : "trường “\(path(context))” có giá trị không hợp lệ (\(context.debugDescription))."
        @unknown default: return "không đọc được."
        }
    }
}
