/// Demo support policies and what they delivered, consistent with the demo registry: training courses whose
/// participants are cooperatives' managers, young graduates placed, loans from the cooperative development support
/// fund, plots leased for premises, trade fairs. Deterministic: the same seed and organisations give the same grants.
public enum DemoSupport {
    public struct Policy: Sendable {
        public let code: String
        public let title: String
        public let documentNumber: String
        public let documentDate: Day?
        public let issuer: String
        public let level: PolicyLevel
        public let kind: PolicyKind
        public let budgetSource: String
        public let periodFrom: Int
        public let periodTo: Int
        public let agency: String
    }

    /// The organisation a grant may go to, as the loader knows it.
    public struct Beneficiary: Sendable {
        public let id: Int
        public let type: OrganizationType
        public let registrationDate: Day

        public init(id: Int, type: OrganizationType, registrationDate: Day) {
            self.id = id
            self.type = type
            self.registrationDate = registrationDate
        }
    }

    public struct Grant: Sendable {
        public let policyCode: String
        public let organizationId: Int
        public var input: SupportInput
    }

    /// Two national policies of Decree 113/2024/NĐ-CP, three of the province, the province's model-cooperative
    /// programme and commendations under the Law on Emulation and Commendation.
    public static func policies(provinceName: String) -> [Policy] {
        let committee = "Ủy ban nhân dân " + DemoNames.lowerFirst(provinceName)
        let decree = Day(year: 2024, month: 9, day: 12)
        return [
            Policy(code: "ND113-DAOTAO", title: "Hỗ trợ đào tạo, bồi dưỡng nguồn nhân lực của tổ chức kinh tế tập thể", documentNumber: "113/2024/NĐ-CP",
                   documentDate: decree, issuer: "Chính phủ", level: .national, kind: .training, budgetSource: "Ngân sách trung ương và địa phương",
                   periodFrom: 2024, periodTo: 2030, agency: "Liên minh Hợp tác xã tỉnh"),
            Policy(code: "ND113-LAODONGTRE", title: "Hỗ trợ đưa lao động trẻ có trình độ đại học, cao đẳng về làm việc tại hợp tác xã", documentNumber: "113/2024/NĐ-CP",
                   documentDate: decree, issuer: "Chính phủ", level: .national, kind: .graduates, budgetSource: "Ngân sách địa phương",
                   periodFrom: 2024, periodTo: 2030, agency: "Sở Tài chính"),
            Policy(code: "QHT-CHOVAY", title: "Cho vay từ Quỹ hỗ trợ phát triển hợp tác xã tỉnh", documentNumber: "Điều lệ Quỹ hỗ trợ phát triển HTX tỉnh",
                   documentDate: nil, issuer: committee, level: .province, kind: .credit, budgetSource: "Vốn điều lệ của Quỹ hỗ trợ phát triển HTX",
                   periodFrom: 2021, periodTo: 2030, agency: "Quỹ hỗ trợ phát triển hợp tác xã tỉnh"),
            Policy(code: "TINH-MATBANG", title: "Hỗ trợ thuê đất làm trụ sở, sân phơi, nhà kho của hợp tác xã", documentNumber: "Nghị quyết của HĐND tỉnh (mẫu)",
                   documentDate: nil, issuer: "Hội đồng nhân dân " + DemoNames.lowerFirst(provinceName), level: .province, kind: .land,
                   budgetSource: "Ngân sách tỉnh", periodFrom: 2022, periodTo: 2026, agency: "Sở Nông nghiệp và Môi trường"),
            Policy(code: "TINH-XTTM", title: "Hỗ trợ tham gia hội chợ, xúc tiến thương mại và sàn thương mại điện tử", documentNumber: "Kế hoạch xúc tiến thương mại (mẫu)",
                   documentDate: nil, issuer: committee, level: .province, kind: .tradePromotion, budgetSource: "Ngân sách tỉnh",
                   periodFrom: 2023, periodTo: 2026, agency: "Sở Công Thương"),
            Policy(code: "TINH-KIEUMAU", title: "Xây dựng, công nhận và nhân rộng mô hình hợp tác xã kiểu mẫu", documentNumber: "Kế hoạch xây dựng mô hình HTX kiểu mẫu (mẫu)",
                   documentDate: nil, issuer: committee, level: .province, kind: .modelCooperative, budgetSource: "Ngân sách tỉnh",
                   periodFrom: 2022, periodTo: 2030, agency: "Sở Tài chính"),
            Policy(code: "LTDKT-2022", title: "Khen thưởng, tôn vinh tổ chức kinh tế tập thể tiêu biểu", documentNumber: "06/2022/QH15",
                   documentDate: Day(year: 2022, month: 6, day: 15), issuer: "Quốc hội", level: .national, kind: .commendation, budgetSource: "Quỹ thi đua, khen thưởng",
                   periodFrom: 2024, periodTo: 2030, agency: "Sở Nội vụ"),
        ]
    }

    /// Grants to cooperatives (HTX and unions) registered before the grant, dated in 2024 and 2025 (never after
    /// `today`): the closed years, so the demo's figures of those years stay the same whichever day it is loaded.
    public static func grants(to beneficiaries: [Beneficiary], seed: UInt64, today: Day) -> [Grant] {
        var rng = DemoRandom(seed: seed, key: "support")
        let first = Day(year: 2024, month: 1, day: 15) ?? today
        let last = min(Day(year: 2025, month: 12, day: 15) ?? today, today)
        let span = max(1, DemoDays.number(last) - DemoDays.number(first))
        var grants: [Grant] = []
        func grant(_ code: String, _ organization: Beneficiary, _ fill: (inout SupportInput) -> Void) {
            var input = SupportInput()
            input.policy = code
            let earliest = max(DemoDays.number(first), DemoDays.number(organization.registrationDate))
            let latest = DemoDays.number(first) + span
            guard earliest < latest else { return }
            input.date = DemoDays.day(earliest + rng.below(latest - earliest))
            fill(&input)
            grants.append(Grant(policyCode: code, organizationId: organization.id, input: input))
        }
        let sessions = [(2024, 3, 18), (2024, 9, 9), (2025, 4, 14), (2025, 10, 13)].compactMap { Day(year: $0.0, month: $0.1, day: $0.2) }
        let courses = ["Quản trị hợp tác xã", "Kế toán hợp tác xã", "Chuyển đổi số trong hợp tác xã", "Xây dựng thương hiệu và OCOP", "Liên kết chuỗi giá trị"]
        for organization in beneficiaries where organization.type == .htx || organization.type == .lhhtx {
            if rng.chance(0.35) {
                let course = rng.pick(courses)
                // A course is held on set days; the organisation's managers join the first session it can after registering.
                let open = sessions.filter { $0 >= organization.registrationDate && $0 <= last }
                let session = open.isEmpty ? nil : open[organization.id % open.count]
                for position in rng.chance(0.4) ? ["Giám đốc", "Kế toán"] : ["Giám đốc"] {
                    grant("ND113-DAOTAO", organization) { input in
                        input.personName = DemoNames.person(male: rng.chance(0.6), &rng)
                        input.personPosition = position
                        input.course = course
                        input.place = "Trường Cán bộ quản lý hợp tác xã"
                        input.amount = Money(millions: Int64(rng.int(3...8)))
                        input.status = .finished
                        if let session {
                            input.date = session
                            input.endDate = DemoDays.day(DemoDays.number(session) + 4)
                        }
                    }
                }
            }
            if rng.chance(0.05) {
                grant("ND113-LAODONGTRE", organization) { input in
                    input.personName = DemoNames.person(male: rng.chance(0.5), &rng)
                    input.personPosition = "Cán bộ kỹ thuật"
                    input.degree = rng.pick(["Đại học", "Cao đẳng"])
                    input.amount = Money(approximately: Double(rng.int(36...60)) * 1.2)
                    input.status = .disbursed
                    // A placement lasts two years; its allowance is paid by quarter (see `allowancePayments`).
                    if let start = input.date { input.endDate = DemoDays.day(DemoDays.number(start) + 730) }
                }
            }
            if rng.chance(0.08) {
                grant("QHT-CHOVAY", organization) { input in
                    let lent = Int64(rng.int(2...30)) * 50
                    input.amount = Money(millions: lent)
                    input.lender = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh"
                    input.interestRate = Double(rng.int(45...70)) / 10
                    input.termMonths = rng.pick([12, 24, 36, 60])
                    input.outstanding = Money(millions: lent - lent * Int64(rng.int(0...6)) / 10)
                    input.status = .disbursed
                }
            }
            if rng.chance(0.03) {
                grant("TINH-MATBANG", organization) { input in
                    input.landArea = Double(rng.int(3...40) * 50)
                    input.landForm = .lease
                    input.decisionNumber = "\(rng.int(100...2999))/QĐ-UBND"
                    input.amount = Money(millions: Int64(rng.int(20...150)))
                    input.status = .disbursed
                }
            }
            if rng.chance(0.1) {
                grant("TINH-XTTM", organization) { input in
                    input.course = rng.pick(["Hội chợ OCOP khu vực miền Trung", "Hội chợ nông sản tỉnh", "Gian hàng trên sàn thương mại điện tử"])
                    input.amount = Money(millions: Int64(rng.int(5...30)))
                    input.status = .finished
                }
            }
        }
        // Drawn apart from the grants above, so adding recognitions left every earlier grant as it was.
        rng = DemoRandom(seed: seed, key: "recognitions")
        for organization in beneficiaries where organization.type == .htx || organization.type == .lhhtx {
            if rng.chance(0.04) {
                grant("TINH-KIEUMAU", organization) { input in
                    input.decisionNumber = "\(rng.int(100...2999))/QĐ-UBND"
                    input.awardLevel = .province
                    input.status = .finished
                }
            }
            if rng.chance(0.06) {
                let (form, level) = rng.pick([("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", PolicyLevel.province), ("Cờ thi đua của Ủy ban nhân dân tỉnh", .province),
                                              ("Giấy khen của Chủ tịch Ủy ban nhân dân xã", .commune)])
                grant("LTDKT-2022", organization) { input in
                    input.decisionNumber = "\(rng.int(100...2999))/QĐ-\(level == .commune ? "UBND" : "KT")"
                    input.awardLevel = level
                    input.awardForm = form
                    input.status = .finished
                }
            }
        }
        return grants
    }

    /// A graduate's allowance paid quarter by quarter over the eight quarters of a two-year placement that began on
    /// `start`, each paid five days after its quarter ends, up to `until`; the amount split evenly (the last quarter
    /// takes the remainder, so the whole amount is paid).
    public static func allowancePayments(from start: Day, amount: Money, until: Day) -> [SupportPayment] {
        let quarters = 8
        let share = amount.dong / Int64(quarters)
        func monthStart(_ offset: Int) -> Day? {
            let month = start.month - 1 + offset
            return Day(year: start.year + month / 12, month: month % 12 + 1, day: 1)
        }
        var payments: [SupportPayment] = []
        for quarter in 0..<quarters {
            guard let next = monthStart(3 * (quarter + 1)) else { break }
            let from = quarter == 0 ? start : (monthStart(3 * quarter) ?? start)
            let to = DemoDays.day(DemoDays.number(next) - 1), paid = DemoDays.day(DemoDays.number(to) + 5)
            guard paid <= until else { break }
            let part = quarter == quarters - 1 ? amount.dong - share * Int64(quarters - 1) : share
            payments.append(SupportPayment(periodFrom: from, periodTo: to, paidOn: paid, amount: Money(dong: part)))
        }
        return payments
    }
}
