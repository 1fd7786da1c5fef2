"""Loads the main pages in headless Chromium as a signed-in officer and as a visitor, then walks each role's day from
its home page (a commune officer accepts reports in bulk, a cooperative opens its report, a province officer follows
its dashboard and waiting work), and checks that phone-width pages do not scroll sideways. Fails on any page error,
console error, failed request, error page or failed step. With --screenshots DIR, keeps a PNG of each step there."""
import argparse
import collections
import datetime
import json
import subprocess
import sys
import urllib.request

from playwright.sync_api import sync_playwright

parser = argparse.ArgumentParser()
parser.add_argument("--base", required=True)
parser.add_argument("--email", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--screenshots")
parser.add_argument("--binary", required=True, help="the hoptac executable, to create the journeys' accounts")
args = parser.parse_args()
PASSWORD = "kiem-tra-hanh-trinh-2026"
YEAR = datetime.date.today().year

# A public organisation to open, and a province programme: read from the JSON the pages themselves offer.
def first_public_id():
    try:
        with urllib.request.urlopen(args.base + "/public.json") as response:
            items = json.load(response).get("items", [])
            return items[0]["id"] if items else None
    except Exception:
        return None

signed_in = [
    ("home-officer", "/"),
    ("organizations", "/organizations"),
    ("search", "/organizations?q=hop+tac+xa+dong"),
    ("import", "/import/organizations"),
    ("reports", "/reports"),
    ("reminders", "/reminders"),
    ("dashboard-province", "/dashboard/provinces/42"),
    ("dashboard-nation", "/dashboard"),
    ("map", "/map?province=42&indicator=good_fair_share"),
    ("map-nation", "/map"),
    ("programme", "/programmes/2"),
    ("classification", "/classification/2025?province=42"),
]
public = [("public-directory", "/public")]
organization = first_public_id()
if organization is not None:
    public.append(("public-organization", f"/public/organizations/{organization}"))

problems = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])

    def visit(context, name, path, phone=False):
        page = context.new_page()
        if phone:
            page.set_viewport_size({"width": 390, "height": 844})
        errors = []
        page.on("pageerror", lambda error: errors.append(f"lỗi trang: {error}"))
        page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
        page.on("response", lambda response: errors.append(f"HTTP {response.status} {response.url}") if response.status >= 400 else None)
        response = page.goto(args.base + path, wait_until="load")
        if response is None or response.status != 200:
            errors.append(f"HTTP {response.status if response else '?'} cho trang")
        if page.locator("h1").count() == 0:
            errors.append("trang không có tiêu đề h1")
        if "Có lỗi" in page.title():
            errors.append("trang báo lỗi: " + page.locator("p.error").first.inner_text())
        if not phone and page.locator("svg.chart text").count():
            # The size chart text is drawn at, after the SVG's scaling: labels must stay readable (at least 11 px).
            smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('svg.chart text')]
                .filter(t => t.textContent.trim() && t.getBBox().width > 0)
                .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))""")
            if smallest < 11:
                errors.append(f"chữ trên biểu đồ chỉ cao {smallest:.1f} px (cần ít nhất 11 px)")
        if args.screenshots:
            page.screenshot(path=f"{args.screenshots}/{name}.png", full_page=True)
        for error in errors:
            problems.append(f"{path}: {error}")
        print(f"{'✔' if not errors else '✘'} {path} — {page.title()}")
        page.close()

    visitor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    for name, path in public:
        visit(visitor, name, path)
    if public:
        visit(visitor, "public-directory-phone", "/public", phone=True)

    officer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    login = officer.new_page()
    login.goto(args.base + "/login")
    login.fill("input[name=email]", args.email)
    login.fill("input[name=password]", args.password)
    login.click("button[type=submit]")
    login.wait_for_load_state("load")
    if "/login" in login.url:
        problems.append("đăng nhập không thành công")
    login.close()
    for name, path in signed_in:
        visit(officer, name, path)

    def step(page, name, expect_h1=None):
        """Checks the page a step landed on and keeps its screenshot."""
        page.wait_for_load_state("load")
        heading = page.locator("h1").first.inner_text() if page.locator("h1").count() else ""
        ok = expect_h1 is None or expect_h1 in heading
        if not ok:
            problems.append(f"{name}: tiêu đề “{heading}”, cần “{expect_h1}” ({page.url})")
        if "Có lỗi" in page.title():
            problems.append(f"{name}: trang báo lỗi ({page.url})")
        if args.screenshots:
            page.screenshot(path=f"{args.screenshots}/{name}.png", full_page=True)
        print(f"{'✔' if ok else '✘'} {name} — {heading}")

    def account(role, email, **options):
        command = [args.binary, "user", "create", "--email", email, "--password", PASSWORD, "--role", role]
        for key, value in options.items():
            command += [f"--{key}", value]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def signed_in_as(email, phone=False):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        page.goto(args.base + "/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.record button[type=submit]")
        page.wait_for_load_state("load")
        if "/login" in page.url:
            problems.append(f"{email}: đăng nhập không thành công")
        return context, page

    def no_sideways_scroll(page, name):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 392:
            problems.append(f"{name}: rộng {width} px ở màn hình 390 px")

    # The round as the province officer sees it picks the commune with the most reports to accept, and a cooperative.
    round_items = officer.request.get(f"{args.base}/reports.json?year={YEAR}").json().get("items", [])
    submitted = [item for item in round_items if item.get("state") == "submitted"]
    commune = collections.Counter(item["commune_code"] for item in submitted).most_common(1)[0][0] if submitted else None
    reporting = next((item for item in round_items if item.get("state") in (None, "draft", "returned")), None)

    # A commune officer: home → reports waiting → tick two → accept → confirm → what changed.
    if commune:
        account("commune-officer", "xa@hanh-trinh.test", unit=commune, name="Cán bộ xã hành trình")
        context, page = signed_in_as("xa@hanh-trinh.test")
        step(page, "journey-commune-1-home", "Việc hôm nay")
        page.click("li.reminder a[href*='state=submitted']")
        step(page, "journey-commune-2-waiting", f"Kỳ báo cáo năm {YEAR}")
        boxes = page.locator("input[type=checkbox][form=bulk]")
        if boxes.count() < 2:
            problems.append("journey-commune: không có báo cáo để chọn")
        else:
            boxes.nth(0).check()
            boxes.nth(1).check()
            page.select_option("#bulk-action", "accept")
            page.click("form#bulk button[type=submit]")
            step(page, "journey-commune-3-confirm", "Xác nhận tiếp nhận báo cáo (2 báo cáo")
            page.click("form[action='/reports/bulk'] button[type=submit]")
            step(page, "journey-commune-4-done", "Đã tiếp nhận báo cáo: 2 báo cáo")
        context.close()
    else:
        problems.append("journey-commune: không có báo cáo nào đã gửi trong kỳ")

    # A cooperative, on a phone: home → its report of the round.
    if reporting:
        code = officer.request.get(f"{args.base}/organizations/{reporting['organization_id']}.json").json().get("registration_code")
        if code:
            account("cooperative", "htx@hanh-trinh.test", organization=code, name="Kế toán HTX hành trình")
            context, page = signed_in_as("htx@hanh-trinh.test", phone=True)
            step(page, "journey-cooperative-1-home", reporting["name"])
            no_sideways_scroll(page, "journey-cooperative-1-home")
            page.click(f"ul.shortcuts a[href='/organizations/{reporting['organization_id']}/reports/{YEAR}']")
            step(page, "journey-cooperative-2-report")
            no_sideways_scroll(page, "journey-cooperative-2-report")
            context.close()

    # The province officer: home → dashboard of the province → the first waiting item.
    page = officer.new_page()
    page.goto(args.base + "/")
    step(page, "journey-province-1-home", "Việc hôm nay")
    page.click("a[href='/dashboard/provinces/42']")
    step(page, "journey-province-2-dashboard", "Tỉnh Hà Tĩnh")
    page.goto(args.base + "/")
    if page.locator("li.reminder a").count():
        page.locator("li.reminder a").first.click()
        step(page, "journey-province-3-waiting")
    page.close()

    # Phone widths of the pages people open on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    for name, path in [("phone-home", "/"), ("phone-public", "/public"), ("phone-organizations", "/organizations")]:
        page = phone.new_page()
        page.goto(args.base + path)
        step(page, name)
        no_sideways_scroll(page, name)
        page.close()
    browser.close()

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
