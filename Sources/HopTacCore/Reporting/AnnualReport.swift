/// One organisation's annual operating report for one year (Forms VII-1/2/3 of Circular 09/2024/TT-BKHĐT,
/// with the figures that Circular 01/2020/TT-BKHĐT scores). Amounts are exact `Money`, read and shown in million VND.
/// Last year's figures are not repeated here: rules and the classifier receive last year's report instead.
public struct AnnualReport: Codable, Sendable, Equatable {
    public var organizationId: Int
    public var year: Int

    public var officialMembers = 0
    public var associateMembers = 0
    public var workers = 0

    public var charterCapital = Money.zero
    public var totalCapital = Money.zero
    public var totalAssets = Money.zero
    public var indivisibleAssets = Money.zero
    public var developmentFund = Money.zero
    public var reserveFund = Money.zero
    public var otherFunds = Money.zero
    public var revenue = Money.zero
    public var pretaxProfit = Money.zero
    /// Per regular worker per year.
    public var averageIncome = Money.zero

    public var servicesToMembers = 0
    /// Percent of members' needs that the organisation's services met (0–100).
    public var memberNeedsMetPercent = 0.0

    public var debtState = Money.zero
    public var debtBanks = Money.zero
    public var debtMembers = Money.zero
    public var debtOther = Money.zero

    public var managers = 0
    public var managersUniversity = 0
    public var managersVocational = 0
    public var managersUnder35 = 0

    public var highTech = false
    public var valueChain = false
    public var valueChainPartner = ""
    public var digitalTransformation = false
    public var ocopProducts = 0
    /// Stars of the best OCOP product, 0 when none is certified.
    public var ocopBestStars = 0

    public var legalViolations = 0
    public var disputes = 0
    public var awards = ""

    /// Months of the reporting period the organisation existed (12 for a whole year); suspended months are inside these.
    public var monthsOperated = 12
    public var monthsSuspended = 0

    /// Points the organisation gave itself for the criteria the rubric marks self-assessed, by criterion code ("TC8").
    public var selfAssessedPoints: [String: Double] = [:]
    /// The explanation that validation warnings require before submission.
    public var comment = ""

    public init(organizationId: Int, year: Int) {
        self.organizationId = organizationId
        self.year = year
    }

    /// The period a report covers: 15/12 of the previous year to 14/12 of the year (Circular 09/2024, art. 6).
    public static func period(forYear year: Int) -> ClosedRange<Day> {
        let year = min(max(year, 1001), 9999)  // what `Day` stores; pages refuse other years before asking
        return (Day(year: year - 1, month: 12, day: 15) ?? .today())...(Day(year: year, month: 12, day: 14) ?? .today())
    }

    /// JSON keys are the field catalogue's keys, so that forms, imports, the API and messages share one name per field.
    enum CodingKeys: String, CodingKey {
        case organizationId = "organization_id", year
        case officialMembers = "official_members", associateMembers = "associate_members", workers
        case charterCapital = "charter_capital", totalCapital = "total_capital", totalAssets = "total_assets"
        case indivisibleAssets = "indivisible_assets", developmentFund = "development_fund", reserveFund = "reserve_fund"
        case otherFunds = "other_funds", revenue, pretaxProfit = "pretax_profit", averageIncome = "average_income"
        case servicesToMembers = "services_to_members", memberNeedsMetPercent = "member_needs_met_percent"
        case debtState = "debt_state", debtBanks = "debt_banks", debtMembers = "debt_members", debtOther = "debt_other"
        case managers, managersUniversity = "managers_university", managersVocational = "managers_vocational"
        case managersUnder35 = "managers_under_35"
        case highTech = "high_tech", valueChain = "value_chain", valueChainPartner = "value_chain_partner"
        case digitalTransformation = "digital_transformation", ocopProducts = "ocop_products", ocopBestStars = "ocop_best_stars"
        case legalViolations = "legal_violations", disputes, awards
        case monthsOperated = "months_operated", monthsSuspended = "months_suspended"
        case selfAssessedPoints = "self_assessed_points", comment
    }
}

extension AnnualReport {
    /// The stored form of the self-assessed points, `{"TC10":6.5,"TC8":5}`, keys sorted. Written and read here rather than
    /// with a JSON coder because classifying a national year reads tens of thousands of them.
    public var selfAssessedJSON: String {
        "{" + selfAssessedPoints.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    /// Reads `selfAssessedJSON` (and any flat JSON object of numbers); what cannot be read is left out.
    /// Byte by byte, without a String per number: a national year reads tens of thousands of these.
    public static func selfAssessedPoints(fromJSON text: String) -> [String: Double] {
        var points: [String: Double] = [:]
        let bytes = Array(text.utf8)
        var index = 0
        func skipBlanks() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 } }
        while index < bytes.count {
            guard let open = bytes[index...].firstIndex(of: UInt8(ascii: "\"")), let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let key = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            index = close + 1
            skipBlanks()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { continue }
            index += 1
            skipBlanks()
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") { index += 1 }
            if let value = number(bytes[start..<index]) { points[key] = value }
        }
        return points
    }

    /// A plain decimal (`-12`, `6.5`); anything else (an exponent) through `Double(String)`.
    private static func number(_ digits: ArraySlice<UInt8>) -> Double? {
        var whole = 0.0, fraction = 0.0, scale = 1.0, negative = false, inFraction = false, seen = false
        for byte in digits {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seen = true
                if inFraction { scale /= 10; fraction += Double(byte - 48) * scale } else { whole = whole * 10 + Double(byte - 48) }
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "-") where !seen: negative = true
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return Double(String(decoding: digits, as: UTF8.self).trimmed)
            }
        }
        guard seen else { return nil }
        return (negative ? -1 : 1) * (whole + fraction)
    }
}
