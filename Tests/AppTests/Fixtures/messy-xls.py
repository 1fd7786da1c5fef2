"""Writes messy.xls: the cells of messy.xlsx in Excel 97–2003 format (BIFF8), written by xlwt (pip install xlwt).

A third sheet of long Vietnamese notes is written first, so that the shared-string table runs over several CONTINUE
records and strings of the data sheets are split across them, as in large real workbooks."""
import datetime
import xlwt

book = xlwt.Workbook(encoding="utf-8")
cooperatives = book.add_sheet("Hợp tác xã")
groups = book.add_sheet("Tổ hợp tác")
notes = book.add_sheet("Ghi chú")
for row in range(120):
    notes.write(row, 0, f"Ghi chú số {row + 1}: hợp tác xã cần bổ sung báo cáo tài chính năm 2025 trước ngày 31/3 — Đồng Tâm, Thạch Long, Cống Vị")

date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
plain_number = xlwt.easyxf(num_format_str="0")
rows = [
    (0, ["UBND TỈNH HÀ TĨNH"]),
    (1, ["DANH SÁCH HỢP TÁC XÃ ĐANG HOẠT ĐỘNG NĂM 2025"]),
    (3, ["STT", "  TEN HTX ", "Mã số HTX", "loai hinh", "Xã/phường", "Tỉnh/thành", "Ngày thành lập", "Vốn điều lệ (triệu đồng)", "Số thành viên", "Ghi chú"]),
    (4, [1, "Hợp tác xã Nông nghiệp Đồng Tâm", "4201100001", "HTX", "Thành Sen", "Hà Tĩnh", datetime.date(2015, 3, 2), 1234.5, 45, "điểm"]),
    (5, [2, "HTX Dịch vụ Thạch Long", 4201100002, "Hợp tác xã", "18073", "Tỉnh Hà Tĩnh", "2/3/15", "1.234.567", "1.200"]),
    (6, [3, "Hợp tác xã Cống Vị", "0101100003", "htx", "00007", "Hà Nội", "15/08/2019", "2,5", 12]),
    (7, [4, "Quỹ tín dụng nhân dân Trần Phú", "4201100004", "Quỹ tín dụng nhân dân", "Phường Trần Phú", "Hà Tĩnh", 43466, "1,234.5", 900]),
]
for row, values in rows:
    for column, value in enumerate(values):
        if isinstance(value, datetime.date):
            cooperatives.write(row, column, value, date_style)
        elif row == 7 and column == 6:
            cooperatives.write(row, column, value, plain_number)
        else:
            cooperatives.write(row, column, value)
for column, value in enumerate(["Tên tổ chức", "Loại hình", "Mã xã/phường", "Số thành viên"]):
    groups.write(0, column, value)
for column, value in enumerate(["Tổ hợp tác trồng rau an toàn thôn Trung Tiến", "Tổ hợp tác", "18073", 12]):
    groups.write(1, column, value)
book.save("messy.xls")
