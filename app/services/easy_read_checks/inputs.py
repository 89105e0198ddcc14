"""The plain inputs the checks read: a survey's and a question's words, free of the database,
so the builder can check a form before anything is saved."""

from dataclasses import dataclass, field

# Kinds whose answers are typed, not chosen (app.models.QuestionKind values).
KINDS_WITHOUT_OPTIONS = frozenset({"free_text", "whole_number"})


@dataclass(frozen=True)
class OptionText:
    """One answer: its words in both wordings and its picture."""

    label: str
    easy_read_label: str = ""
    picture_key: str = ""


@dataclass(frozen=True)
class QuestionText:
    """One question: both wordings, its hint, kind, picture and answers."""

    text: str
    easy_read_text: str = ""
    hint: str = ""
    kind: str = "single_choice"
    picture_key: str = ""
    options: tuple[OptionText, ...] = field(default_factory=tuple)

    @property
    def has_options(self) -> bool:
        """Say whether a person chooses this question's answer from options."""
        return self.kind not in KINDS_WITHOUT_OPTIONS


@dataclass(frozen=True)
class SurveyText:
    """A survey's own words in both wordings, its contact line, picture and questions."""

    title: str
    easy_read_title: str = ""
    intro: str = ""
    easy_read_intro: str = ""
    contact: str = ""
    picture_key: str = ""
    questions: tuple[QuestionText, ...] = field(default_factory=tuple)
