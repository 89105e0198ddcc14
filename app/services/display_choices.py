"""The display choices a resident can make (language, words, pictures, text size, colours)
and the values each may take.

Flask-free, so the resident pages (`app/respond/preferences.py`) and the kiosk settings staff
choose (`app/services/kiosks.py`) check the same values.
"""

from app.languages import LANGUAGES

# Choice → allowed values; the first is Heard's default.
CHOICES: dict[str, tuple[str, ...]] = {
    "lang": tuple(LANGUAGES),
    "words": ("easy", "standard"),
    "pictures": ("on", "off"),
    "size": ("0", "1", "2"),
    "contrast": ("normal", "high"),
}
DEFAULTS: dict[str, str] = {name: values[0] for name, values in CHOICES.items()}


def valid(choices: dict[str, str]) -> dict[str, str]:
    """Return the choices with every unknown name dropped and every unknown value defaulted."""
    return {
        name: choices[name] if choices.get(name) in allowed else allowed[0]
        for name, allowed in CHOICES.items()
    }
