import HopTacCore
import Vapor

/// The three forms of every list and record: an HTML page, `.json` and `.csv` at the same URL with a suffix.
enum Representation: String, Sendable {
    case html, json, csv, xlsx

    /// Splits `00004.json` into `00004` and `.json`.
    static func split(_ parameter: String) -> (value: String, representation: Representation) {
        for representation in [Representation.json, .csv, .xlsx] where parameter.hasSuffix(".\(representation.rawValue)") {
            return (String(parameter.dropLast(representation.rawValue.count + 1)), representation)
        }
        return (parameter, .html)
    }
}

extension Request {
    /// The request body as `T`; a body that cannot be read is a 400 naming the field, never a 500.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let error as DecodingError {
            throw Abort(.badRequest, reason: "Dữ liệu gửi lên không đọc được: \(SiteErrorMiddleware.describe(error))")
        }
    }

    /// A required path parameter as a positive integer id; anything else is a 404.
    func idParameter(_ name: String = "id") throws -> Int {
        guard let raw = parameters.get(name), let id = Int(raw), id > 0 else {
            throw Abort(.notFound, reason: "Không có hồ sơ “\(parameters.get(name) ?? "")”.")
        }
        return id
    }
}

enum Responses {
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status, body: .init(data: try jsonEncoder.encode(value)))
        response.headers.contentType = .json
        return response
    }
}

/// The JSON shape of every paged list: `{"total": …, "page": …, "per_page": …, "items": […]}`.
struct PagedList<Item: Encodable & Sendable>: Encodable, Sendable {
    let total: Int
    let page: Int
    let perPage: Int
    let items: [Item]
}
