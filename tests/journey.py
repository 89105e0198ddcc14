"""Drive the resident journey through the test client, as a person would."""

from tests.pages import Page, get


def start(client, slug: str, query: str = "") -> Page:
    """Open a survey's start page (with display choices in `query`) and follow "Start now"
    to its first question."""
    start_page = get(client, f"/s/{slug}?{query}" if query else f"/s/{slug}")
    assert start_page.status == 200
    first = start_page.all("a.govuk-button--start")[0].get("href")
    return get(client, first)


def answer(client, page: Page, values: list[str] | str) -> object:
    """Answer the question on `page` and POST it; return the raw response."""
    form = page.all("form")[0]
    data = page.form_fields()
    name = next(
        field.get("name")
        for field in form.cssselect("input, textarea")
        if field.get("name", "").startswith("q")
    )
    data[name] = values
    return client.post(form.get("action"), data=data)


def past_support_question(client, page: Page) -> Page:
    """Skip the optional "How did you answer?" page if it is the one shown (in any language)."""
    if not page.all("input[name=support]"):
        return page
    form = page.all("form")[0]
    response = client.post(form.get("action"), data=page.form_fields())
    assert response.status_code == 303
    return get(client, response.headers["Location"])


def send_with_first_answers(client, page: Page) -> Page:
    """Answer every question from `page` with its first option and send; return thanks."""
    while page.all("input[type=radio]") and "/questions/" in page.all("form")[0].get("action"):
        response = answer(client, page, page.all("input[type=radio]")[0].get("value"))
        page = get(client, response.headers["Location"])
    check = past_support_question(client, page)
    sent = client.post(check.all("form")[0].get("action"), data=check.form_fields())
    assert sent.status_code == 303, sent.get_data(as_text=True)[:300]
    return get(client, sent.headers["Location"])
