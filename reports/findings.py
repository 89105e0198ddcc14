"""Plain sentences generated from the numbers: "7 out of 10 people said “Yes”".

Only shown numbers are used: a hidden count, or a question too few people answered, gives no
sentence. The easy-read sentences keep to 15 words or fewer, one idea each.
No Flask, no `app` imports.
"""

import re

from reports.content import ActionItem, OptionRow, QuestionResult

MAX_FINDINGS = 3
TOO_FEW = "Too few people answered these questions for us to show the results."
NOT_SORTED = (
    "People answered in their own words, and staff have not sorted the answers into themes yet."
)


def top_row(result: QuestionResult) -> OptionRow | None:
    """Return the shown answer with the largest count, or None if there is nothing to say."""
    if not result.answered.allows_percentages:
        return None
    shown = [row for row in result.rows if not row.count.hidden and row.count.value]
    return max(shown, key=lambda row: row.count.value or 0, default=None)


def out_of_ten(count: int, total: int) -> str:
    """Return a share in plain words: "7 out of 10 people"."""
    tenths = (20 * count + total) // (2 * total)
    if tenths == 0:
        return "Fewer than 1 in 10 people"
    if tenths == 10:
        return "All the people" if count == total else "Almost all the people"
    return f"{tenths} out of 10 people"


def people_share(row: OptionRow, result: QuestionResult) -> str:
    """Return "7 out of 10 people" for an answer, counted on people where groups answered."""
    people, everyone = row.people, result.people_answered
    counted = people is not None and everyone is not None
    if counted and not (people.hidden or everyone.hidden) and everyone.value:
        return out_of_ten(people.value or 0, everyone.value)
    return out_of_ten(row.count.value or 0, result.answered.value or 0)


def _share(row: OptionRow, result: QuestionResult) -> float:
    return (row.count.value or 0) / (result.answered.value or 1)


def principle_findings(questions: list[QuestionResult]) -> list[str]:
    """Return two or three sentences that sum up what people said about one principle."""
    if not questions:
        return []
    plural = "question" if len(questions) == 1 else "questions"
    opening = f"We asked {len(questions)} {plural} about this."
    balanced = [text for result in questions if (text := balance_finding(result))]
    unordered = [result for result in questions if not result.balance]
    found = balanced + _top_findings(unordered) + _theme_findings(questions)
    if not found:
        found = [NOT_SORTED if all(result.is_free_text for result in questions) else TOO_FEW]
    return [opening, *found]


def _theme_findings(questions: list[QuestionResult]) -> list[str]:
    return [text for result in questions if result.themes and (text := theme_finding(result))]


def _top_findings(questions: list[QuestionResult]) -> list[str]:
    """Return sentences about the most chosen answers, the clearest first."""
    tops = [(result, row) for result in questions if (row := top_row(result)) is not None]
    tops.sort(key=lambda pair: _share(pair[1], pair[0]), reverse=True)
    return [finding(result, row) for result, row in tops[:MAX_FINDINGS]]


def finding(result: QuestionResult, row: OptionRow) -> str:
    """Return one standard-edition sentence about the top answer of a question."""
    verb = "chose" if result.is_multiple_choice else "said"
    share = people_share(row, result)
    everyone = result.people_answered
    if everyone is not None and not everyone.hidden and everyone.value != result.answered.value:
        # Groups answered: the share is of people, so say so rather than give a response share.
        return (
            f"{share} {verb} “{row.label}” when we asked “{result.text}” (of "
            f"{everyone.text} people in {result.answered.text} responses; a group response "
            "counts everyone in the group)."
        )
    return (
        f"{share} {verb} “{row.label}” when we asked “{result.text}” "
        f"({row.percentage} of {result.answered.text} responses)."
    )


def balance_finding(result: QuestionResult) -> str:
    """Return the shares of good, middle and bad answers to an ordered question, or ""."""
    if not result.balance or not result.answered.allows_percentages:
        return ""
    parts = [
        f"{row.label.lower()}: {row.percentage}"
        if row.percentage
        else f"{row.label.lower()}: {row.count.text}"
        for row in result.balance
    ]
    return (
        f"When we asked “{result.text}”, answers were {'; '.join(parts)} "
        f"(of {result.answered.text} responses)."
    )


def theme_finding(result: QuestionResult) -> str:
    """Return a sentence about the most common theme in a question's free-text answers."""
    shown = [theme for theme in result.themes if not theme.answers.hidden]
    if not shown:
        return ""
    theme = max(shown, key=lambda item: item.answers.value or 0)
    return (
        f"When we asked “{result.text}”, the most common theme was “{theme.name}” "
        f"({theme.answers.text} answers)."
    )


def easy_lines(result: QuestionResult) -> list[str]:
    """Return the easy-read sentences about one question, one sentence a line."""
    lines = [f"We asked: {result.easy_read_text}"]
    if result.is_free_text:
        return [*lines, capital(f"{result.answered.text} people wrote an answer.")]
    balance = easy_balance_lines(result)
    if balance:
        return lines + balance
    row = top_row(result)
    if row is None:
        return [*lines, capital(f"{result.answered.text} people answered.")]
    share = people_share(row, result)
    verb = "chose" if result.is_multiple_choice else "said"
    return [*lines, f"{share} {verb} “{row.easy_read_label}”."]


def easy_balance_lines(result: QuestionResult) -> list[str]:
    """Return "6 out of 10 people said “happy or very happy”." for each shown group of answers."""
    shown = [row for row in result.balance if not row.count.hidden and row.count.value]
    if not (shown and result.answered.allows_percentages):
        return []
    total = result.answered.value or 0
    return [
        f"{out_of_ten(row.count.value or 0, total)} said “{row.easy_read_label.lower()}”."
        for row in shown
    ]


def easy_action_lines(action: ActionItem) -> list[str]:
    """Return a "you said, we did" action as easy-read lines, one sentence a line."""
    lines = ["You said:", *sentences(action.you_said), "We did:", *sentences(action.we_did)]
    return [*lines, action.easy_status] if action.easy_status else lines


def sentences(text: str) -> list[str]:
    """Split text into sentences, one a line."""
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [part for part in parts if part]


def word_count(sentence: str) -> int:
    """Return the number of words in a sentence (numbers count as words)."""
    return len(re.findall(r"[\w’'-]+", sentence))


def capital(sentence: str) -> str:
    """Return the sentence with a capital first letter ("fewer than 10" → "Fewer than 10")."""
    return sentence[:1].upper() + sentence[1:]
