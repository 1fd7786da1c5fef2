import HopTacCore

/// The site's menu: every page a role may use and nothing it may not. Each entry carries the access rule of its page's
/// route (a test checks that they are the same), so the menu cannot offer a page the server refuses or hide one it
/// serves. A cooperative's account also finds its own record and reports first.
enum Menu {
    struct Entry: Equatable, Sendable {
        let label: String
        let href: String
        let access: Access
    }

    /// Every entry, in the order of an official's year: the registry, the reporting round, its figures, the
    /// programmes, then the reference pages and administration.
    static func all(today: Day = .today()) -> [Entry] {
        [
            Entry(label: "Bảng điều hành", href: "/dashboard", access: .signedIn(.readProgrammes)),
            Entry(label: "Tổ chức KTTT", href: "/organizations", access: .anyone),
            Entry(label: "Báo cáo hằng năm", href: "/reports", access: .signedIn(.readReports)),
            Entry(label: "Nhắc việc", href: "/reminders", access: .signedIn(.readReports)),
            Entry(label: "Tổng hợp, xếp loại", href: "/classification/\(today.year - 1)", access: .anyone),
            Entry(label: "Số liệu", href: "/figures", access: .anyone),
            Entry(label: "Bản đồ", href: "/map", access: .signedIn(.readProgrammes)),
            Entry(label: "Chương trình, kế hoạch", href: "/programmes", access: .signedIn(.readProgrammes)),
            Entry(label: "Nhiệm vụ", href: "/tasks", access: .signedIn(.readProgrammes)),
            Entry(label: "Kết quả thực hiện nhiệm vụ", href: "/scorecard", access: .signedIn(.readProgrammes)),
            Entry(label: "Chính sách hỗ trợ", href: "/policies", access: .signedIn(.readSupport)),
            Entry(label: "Quỹ tín dụng nhân dân", href: "/credit-funds", access: .signedIn(.readRegistry)),
            Entry(label: "Dân số", href: "/population", access: .signedIn(.readRegistry)),
            Entry(label: "Ngừng hoạt động", href: "/dormant", access: .signedIn(.reviewDormancy)),
            Entry(label: "Văn bản", href: "/documents", access: .signedIn(.readProgrammes)),
            Entry(label: "Danh bạ công khai", href: "/public", access: .anyone),
            Entry(label: "Đơn vị hành chính", href: "/units", access: .anyone),
            Entry(label: "Nhật ký", href: "/audit", access: .signedIn(.readAudit)),
            Entry(label: "Tài khoản", href: "/admin/users", access: .signedIn(.manageUsers)),
            Entry(label: "Hộp thư đi", href: "/admin/mail", access: .signedIn(.manageUsers)),
            Entry(label: "API", href: "/api/v1/openapi.json", access: .anyone),
        ]
    }

    /// What `principal` (nil for a visitor) may open, the cooperative's own pages first.
    static func entries(for principal: Principal?, today: Day = .today()) -> [Entry] {
        var own: [Entry] = []
        if let principal, principal.role == .cooperative, let id = principal.organizationId {
            own = [Entry(label: "Hồ sơ của tổ chức", href: "/organizations/\(id)", access: .anyone),
                   Entry(label: "Báo cáo của tổ chức", href: "/organizations/\(id)/reports", access: .signedIn(.readReports))]
        }
        return (own + all(today: today)).filter { $0.access.allows(principal) }
    }
}

extension Access {
    /// Whether the rule lets `principal` in, before any organisation of the path is looked at.
    func allows(_ principal: Principal?) -> Bool {
        switch self {
        case .anyone: true
        case .signedIn(let capability), .organization(let capability): principal?.can(capability) ?? false
        }
    }
}
