import Testing
@testable import HopTacCore

@Suite("Registry rules")
struct RegistryRulesTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    func valid() -> OrganizationInput {
        var input = OrganizationInput()
        input.name = "Hợp tác xã Đồng Tâm"
        input.registrationCode = "3001234567"
        input.communeCode = "18073"
        input.officialMembers = 12
        return input
    }

    @Test("a complete cooperative passes")
    func validInput() { #expect(valid().problems(today: today).isEmpty) }

    @Test("registration codes are exactly ten digits")
    func registrationCodes() {
        #expect((try? RegistrationCode.parse(" 3001234567 ").get())?.value == "3001234567")
        for bad in ["", "12345", "30012345678", "30012A4567", "3001-23456"] {
            #expect((try? RegistrationCode.parse(bad).get()) == nil, "\(bad) must be refused")
        }
        var tht = valid()
        tht.type = .tht
        tht.registrationCode = nil
        #expect(tht.problems(today: today).isEmpty, "a cooperative group may have no code")
        var htx = valid()
        htx.registrationCode = nil
        #expect(htx.problems(today: today)[.registrationCode]?.message == "Hợp tác xã phải có mã số đăng ký 10 chữ số.")
    }

    @Test("each broken rule is reported on its field")
    func fieldProblems() {
        var input = valid()
        input.name = " "
        input.registrationDate = Day(year: 2027, month: 1, day: 1)
        input.officialMembers = 3
        input.charterCapital = -1
        input.email = "htx@"
        input.phone = "09x"
        input.type = .qtdnd
        input.unionId = 5
        let problems = input.problems(today: today)
        #expect(Set(problems.keys) == [.name, .registrationDate, .charterCapital, .email, .phone, .sector, .unionId])
        var htx = valid()
        htx.officialMembers = 3
        #expect(htx.problems(today: today)[.officialMembers] != nil)
        // Names that came through the wrong encoding: a Western code page, the TCVN3 and VNI fonts.
        for (garbled, odd) in [("H?p tác xã Đ?ng Ti?n", "?"), ("Hîp t¸c x· §ång TiÕn", "î"), ("Hôïp taùc xaõ Ñoàng Tieán", "ï")] {
            var lost = valid()
            lost.name = garbled
            #expect(lost.problems(today: today)[.name]?.message.contains("Tên có ký tự “\(odd)”") == true, "\(garbled)")
        }
        var proper = valid()
        proper.name = "HỢP TÁC XÃ DỊCH VỤ ĐIỆN – NƯỚC “Ỷ Lan” (Thôn 3) & Cộng sự, số 1/2"
        #expect(proper.problems(today: today)[.name] == nil)
        #expect(VietnameseScript.foreignCharacter(in: "Hợp tác xã Ngọc Ánh".decomposedStringWithCanonicalMapping) == nil, "decomposed tone marks are still Vietnamese")
    }

    @Test("the HTML form is read as typed, with unreadable values reported")
    func formReading() {
        let (input, problems) = OrganizationInput.fromForm([
            "name": " Hợp tác xã Tân Tiến ", "type": "tht", "charter_capital": "1.234,5", "official_members": "1.200",
            "registration_date": "02/03/2015", "workers": "mười", "sector": "fishing",
        ])
        #expect(input.name == "Hợp tác xã Tân Tiến")
        #expect(input.type == .tht)
        #expect(input.charterCapital == 1234.5)
        #expect(input.officialMembers == 1200)
        #expect(input.registrationDate?.iso == "2015-03-02")
        #expect(problems[.workers]?.message == "“mười” không phải là số nguyên.")
        #expect(problems[.sector] != nil)
    }

    @Test("status changes follow the lifecycle")
    func statusChanges() {
        let from = Day(year: 2026, month: 3, day: 1)!
        let suspend = StatusChange(status: .suspended, effectiveFrom: from, effectiveTo: Day(year: 2026, month: 8, day: 31), reason: "NQ 05")
        #expect(suspend.problems(from: .active, organizationId: 1, registeredOn: nil, today: today).isEmpty)
        let backwards = StatusChange(status: .suspended, effectiveFrom: from, effectiveTo: Day(year: 2026, month: 2, day: 1), reason: "NQ 05")
        #expect(backwards.problems(from: .active, organizationId: 1, registeredOn: nil, today: today)["effective_to"] != nil)
        let revive = StatusChange(status: .active, effectiveFrom: from)
        #expect(revive.problems(from: .dissolved, organizationId: 1, registeredOn: nil, today: today)["status"] != nil)
        let selfMerge = StatusChange(status: .merged, effectiveFrom: from, mergedIntoId: 1, reason: "x")
        #expect(selfMerge.problems(from: .active, organizationId: 1, registeredOn: nil, today: today)["merged_into_id"] != nil)
        let beforeRegistration = StatusChange(status: .dissolved, effectiveFrom: from, reason: "x")
        #expect(beforeRegistration.problems(from: .active, organizationId: 1, registeredOn: Day(year: 2026, month: 5, day: 1), today: today)["effective_from"] != nil)
        #expect(OrganizationStatus.dissolved.allowedNext.isEmpty)
    }

    @Test("the bundled administrative units load with both eras and the crosswalk")
    func bundledCatalog() throws {
        let catalog = try AdminUnitCatalog.bundled()
        #expect(catalog.provinces.count == 34)
        #expect(catalog.communes.count == 3321)
        #expect(catalog.legacyProvinces.count == 63)
        #expect(catalog.legacyDistricts.count == 696)
        #expect(catalog.legacyCommunes.count == 10035)
        let congVi = catalog.communeSuccessions.filter { $0.legacyCode == "00007" }
        #expect(congVi.count == 2)
        #expect(congVi.filter(\.isDefault).map(\.code2025) == ["00008"])
        // Every legacy commune has exactly one default successor.
        let defaults = Dictionary(grouping: catalog.communeSuccessions.filter(\.isDefault), by: \.legacyCode)
        #expect(defaults.count == catalog.legacyCommunes.count)
        #expect(defaults.values.allSatisfy { $0.count == 1 })
    }

    @Test("a large sheet is read in slices on several cores and comes back whole, in order, with each row's problems")
    func largeSheetInOrder() throws {
        let catalog = try AdminUnitCatalog.bundled()
        let header = ["Tên HTX", "Loại hình", "Lĩnh vực", "Mã số HTX", "Mã xã/phường"].map { Cell.text($0) }
        var rows: [(number: Int, cells: [Cell])] = [(1, header)]
        for index in 1...9_001 {
            // Every thousandth row names a sector nobody recognises.
            let sector = index % 1_000 == 0 ? "không rõ" : "nông nghiệp"
            rows.append((index + 1, [.text("Hợp tác xã Số \(index)"), .text("HTX"), .text(sector), .text(String(4_200_000_000 + index)), .text("18073")]))
        }
        let read = try OrganizationSheet(catalog: catalog, today: Day(year: 2026, month: 11, day: 23)!).rows(of: Sheet(name: "Tổng hợp", rows: rows))
        #expect(read.count == 9_001)
        #expect(read.map(\.row) == Array(2...9_002))
        #expect(read.map(\.input.name) == (1...9_001).map { "Hợp tác xã Số \($0)" })
        #expect(read.filter { !$0.problems.isEmpty }.map(\.row) == [1_001, 2_001, 3_001, 4_001, 5_001, 6_001, 7_001, 8_001, 9_001])
        #expect(read.allSatisfy { $0.input.communeCode == "18073" && $0.input.type == .htx })
    }

    @Test("an official form's two-row header under merged cells and its row of column numbers are read as header")
    func officialFormHeader() throws {
        let catalog = try AdminUnitCatalog.bundled()
        func row(_ values: [Any]) -> [Cell] {
            values.map { value in
                switch value {
                case let number as Int: .number(Double(number))
                case let text as String: text.isEmpty ? .empty : .text(text)
                default: .empty
                }
            }
        }
        let sheet = Sheet(name: "Biểu 01", rows: [
            (1, row(["UBND TỈNH HÀ TĨNH"])),
            (2, row(["Biểu 01: DANH SÁCH HỢP TÁC XÃ"])),
            (4, row(["TT", "Tên hợp tác xã", "Mã số HTX", "Mã xã/phường", "Số thành viên", "", "Lao động", ""])),
            (5, row(["", "", "", "", "Chính thức", "Liên kết", "Thường xuyên", "Trong đó nữ"])),
            (6, row(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])),
            (7, row([1, "Hợp tác xã Nông nghiệp Đồng Tâm", "4201100001", "18073", 45, 3, 12, 5])),
            (8, row([2, "Hợp tác xã Dịch vụ Thạch Long", "4201100002", "18073", 20, 0, 8, 2])),
            (9, row([3, "Tổng công ty Hợp tác xã Thạch Hà", "", "18073", 12, 0, 4, 1])),
            (10, row(["Tổng cộng (3 HTX)", "", "", "", 77, 3, 24, 8])),
        ])
        let read = try OrganizationSheet(catalog: catalog, today: Day(year: 2026, month: 11, day: 23)!).rows(of: sheet)
        // The foot row of totals is not an organisation; a name that starts like it is.
        #expect(read.map(\.row) == [7, 8, 9])
        #expect(read.allSatisfy { $0.problems.isEmpty }, "\(read.flatMap(\.problems).map(\.line))")
        #expect(read[0].input.officialMembers == 45 && read[0].input.associateMembers == 3 && read[0].input.workers == 12)
        #expect(read[0].problem(.associateMembers, "").column == "Số thành viên Liên kết")
        let reader = OrganizationSheet(catalog: catalog, today: Day(year: 2026, month: 11, day: 23)!)
        #expect(reader.columnUse(of: sheet).suffix(4) == [
            ImportColumn(title: "Số thành viên", use: "Thành viên chính thức"), ImportColumn(title: "Số thành viên Liên kết", use: "Thành viên liên kết"),
            ImportColumn(title: "Lao động", use: "Lao động thường xuyên"), ImportColumn(title: "Lao động Trong đó nữ", use: nil),
        ])
        #expect(read[1].input.name == "Hợp tác xã Dịch vụ Thạch Long" && read[1].input.officialMembers == 20)
        // Numbered with letters and digits, as some forms do; and data right below the header is still data.
        #expect(Sheet.numbersColumns(row(["A", "B", 1, 2, "3=1+2"])))
        #expect(!Sheet.numbersColumns(row([1, "Hợp tác xã Một", "4201100001"])))
        #expect(!Sheet.numbersColumns(row(["4201000001", 1])), "a first record of a code and an amount is data")
    }

    @Test("a formula error is reported where the import reads the cell, not in a column it ignores")
    func formulaErrors() throws {
        let catalog = try AdminUnitCatalog.bundled()
        let sheet = Sheet(name: "HTX", rows: [
            (1, ["STT", "Tên HTX", "Mã số HTX", "Số thành viên", "Mã xã/phường"].map { Cell.text($0) }),
            (2, [.error("#REF!"), .text("Hợp tác xã Đồng Tâm"), .text("4201100001"), .number(12), .text("18073")]),
            (3, [.number(2), .text("Hợp tác xã Thạch Long"), .text("4201100002"), .error("#DIV/0!"), .text("18073")]),
        ])
        let read = try OrganizationSheet(catalog: catalog, today: Day(year: 2026, month: 11, day: 23)!).rows(of: sheet)
        #expect(read[0].problems.isEmpty)
        #expect(read[0].cell(.officialMembers) == .number(12) && read[0].input.officialMembers == 12)
        #expect(read[1].problems.map(\.line) == ["Dòng 3, cột “Số thành viên”, giá trị “#DIV/0!”: ô có lỗi công thức; hãy sửa công thức hoặc nhập giá trị."])
        // The erroneous cell does not count as given: an update keeps the stored member count.
        #expect(read[1].cell(.officialMembers) == nil && read[1].input.officialMembers == nil)
        var stored = OrganizationInput()
        stored.officialMembers = 30
        #expect(read[1].merged(onto: stored).officialMembers == 30)
        #expect(read[1].problem(.registrationCode, "").column == "Mã số HTX" && read[1].problem(.phone, "").column == OrganizationField.phone.label)
    }
}
