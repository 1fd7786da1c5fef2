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

    /// A download of the whole list (CSV or XLSX), not a page of it.
    var isTable: Bool { self == .csv || self == .xlsx }
}

extension Request {
    /// The request body as `T`; a body that cannot be read is a 400 naming the field, never a 500.
    /// The `version` a form posts with the record it changes, for optimistic locking; a 400 naming `what` without it.
    func postedVersion(of what: String) throws -> Int {
        guard let version = (try? content.get(String.self, at: "version")).flatMap({ Int($0.trimmed) }) else {
            throw Abort(.badRequest, reason: "Thiếu phiên bản của \(what) (trường “version”).")
        }
        return version
    }

    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let error as DecodingError {
            throw Abort(.badRequest, reason: "Dữ liệu gửi lên không đọc được: \(SiteErrorMiddleware.describe(error))")
        }
    }

    /// The `year` of the query, `fallback` when absent; a year that is not a number or lies outside `range` is a 400
    /// that says so, never a silent default or date arithmetic on an absurd year.
    func yearQuery(default fallback: Int, in range: ClosedRange<Int> = ReportingCalendar.years) throws -> Int {
        guard let raw = query[String.self, at: "year"]?.trimmed, !raw.isEmpty else { return fallback }
        guard let year = Int(raw), range.contains(year) else {
            throw Abort(.badRequest, reason: "Tham số “year”: “\(raw)” không phải năm từ \(range.lowerBound) đến \(range.upperBound).")
        }
        return year
    }

    /// The `page` of a paged list, 1 when absent; anything but a whole number from 1 is a 400 that says so.
    func pageQuery() throws -> Int {
        guard let raw = query[String.self, at: "page"]?.trimmed, !raw.isEmpty else { return 1 }
        guard let page = Int(raw), (1...1_000_000).contains(page) else {
            throw Abort(.badRequest, reason: "Tham số “page” (trang) phải là số nguyên từ 1 đến 1.000.000, không phải “\(raw)”.")
        }
        return page
    }

    /// A day of the query (`dd/mm/yyyy` or `yyyy-mm-dd`), nil when absent; within the years pages work with.
    func dayQuery(_ name: String) throws -> Day? {
        guard let raw = query[String.self, at: name]?.trimmed, !raw.isEmpty else { return nil }
        let years = ReportingCalendar.years
        guard let day = Day(vietnamese: raw) ?? Day(iso: raw), years.contains(day.year) else {
            throw Abort(.badRequest, reason: "Tham số “\(name)”: “\(raw)” không phải ngày (dd/mm/yyyy) trong các năm \(years.lowerBound)–\(years.upperBound).")
        }
        return day
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

    /// A file to save, never to show: the type is the server's choice, and a sandbox keeps whatever it holds from
    /// running as a page of this site even if a browser opened it.
    static func download(_ data: Data, name: String, contentType: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let ascii = String(String.UnicodeScalarView(foldForSearch(name).unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 0x20 ? $0 : "_" }))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
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

extension String {
    /// The text as a query-string value: everything but letters and digits percent-encoded.
    var queryEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
}
