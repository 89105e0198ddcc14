"""A page checker: every page a test fetches is checked the way a person would notice.

It parses the HTML and fails on a missing <title>, duplicate ids, a form with no action, or
an error summary without "Error: " at the start of the title. Tests then read visible text
through CSS selectors.
"""

from dataclasses import dataclass

import lxml.html


@dataclass
class Page:
    """A fetched page: its status, its parsed document and its raw response."""

    status: int
    document: lxml.html.HtmlElement
    response: object

    def text(self, selector: str) -> str:
        """Return the visible text of the first element matching `selector`."""
        found = self.document.cssselect(selector)
        assert found, f"Nothing matches {selector!r}"
        return " ".join(found[0].text_content().split())

    def texts(self, selector: str) -> list[str]:
        """Return the visible text of every element matching `selector`."""
        return [" ".join(e.text_content().split()) for e in self.document.cssselect(selector)]

    def all(self, selector: str) -> list:
        """Return every element matching `selector`."""
        return self.document.cssselect(selector)

    @property
    def title(self) -> str:
        return self.text("title")

    def form_fields(self, selector: str = "form") -> dict[str, str]:
        """Return the hidden and text fields of a form, ready to post back."""
        form = self.all(selector)[0]
        return {
            field.get("name"): field.get("value", "")
            for field in form.cssselect("input[type=hidden]")
            if field.get("name")
        }


def check_page(response) -> Page:
    """Parse an HTML response and check the things every page must get right."""
    assert response.mimetype == "text/html", response.mimetype
    document = lxml.html.fromstring(response.get_data(as_text=True))
    titles = document.cssselect("title")
    assert titles and titles[0].text_content().strip(), "The page has no <title>"
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"Duplicate ids: {duplicates}"
    for form in document.cssselect("form"):
        assert form.get("action"), "A form has no action"
    title = titles[0].text_content().strip()
    if document.cssselect(".govuk-error-summary"):
        assert title.startswith("Error: "), f"Error page title without 'Error: ': {title}"
    else:
        assert not title.startswith("Error: "), title
    assert len(document.cssselect("h1")) == 1, "A page has exactly one h1"
    return Page(response.status_code, document, response)


def get(client, url: str, **kwargs) -> Page:
    """GET a page and check it."""
    return check_page(client.get(url, **kwargs))


def post(client, url: str, data: dict, **kwargs) -> Page:
    """POST a form and check the page that comes back (redirects are not followed)."""
    return check_page(client.post(url, data=data, **kwargs))
