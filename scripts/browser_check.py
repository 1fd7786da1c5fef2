"""Loads the main pages in headless Chromium as a signed-in officer and as a visitor, and fails on any page error,
console error, failed request or error page. With --screenshots DIR, keeps a PNG of each page there."""
import argparse
import json
import sys
import urllib.request

from playwright.sync_api import sync_playwright

parser = argparse.ArgumentParser()
parser.add_argument("--base", required=True)
parser.add_argument("--email", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--screenshots")
args = parser.parse_args()

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
    browser.close()

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
