"""Write the synthetic redaction corpus: feedback comments with their personal details marked.

Run by hand (`python bench/make_redaction_corpus.py`) after changing the sentence frames; the
output, `tests/data/redaction_corpus.json`, is committed so the test and the benchmark read the
same comments. Every detail is made up: phone numbers from Ofcom's drama ranges, e-mail
addresses at example domains, NHS numbers that pass the check digit at random. The names here
are chosen by hand and are not read from the redactor's lists, so recall is measured honestly
(some names are in neither the census lists nor Heard's own, as in real feedback).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "redaction_corpus.json"
WITH_DETAILS, CLEAN = 320, 320

FIRST = [
    "Lynn",
    "Sharon",
    "Dave",
    "Steve",
    "Gemma",
    "Kerry",
    "Shona",
    "Lorraine",
    "Mandy",
    "Bev",
    "Tracey",
    "Kev",
    "Olga",
    "Piotr",
    "Magda",
    "Ravi",
    "Deepak",
    "Sunita",
    "Rukhsana",
    "Shazia",
    "Nasreen",
    "Abdul",
    "Hassan",
    "Omar",
    "Leila",
    "Ayesha",
    "Ibrahim",
    "Siobhan",
    "Niamh",
    "Aoife",
    "Declan",
    "Callum",
    "Morag",
    "Hamish",
    "Rhys",
    "Gareth",
    "Ffion",
    "Cerys",
    "Bethan",
    "Margaret",
    "Pauline",
    "Joan",
    "Brenda",
    "Maureen",
    "Colin",
    "Trevor",
    "Derek",
    "Keith",
    "Barry",
    "Alan",
    "Janet",
    "Wendy",
    "Julie",
    "Karen",
    "Donna",
    "Michelle",
    "Chidi",
    "Ngozi",
    "Kwame",
    "Tunde",
    "Folake",
    "Agnieszka",
    "Tomasz",
    "Bogdan",
    "Yusuf",
    "Zainab",
    "Imran",
    "Priya",
    "Harpreet",
    "Oluwadamilare",
    "Thandiwe",
    "Eilish",
    "Krystyna",
]
# Names that are also ordinary words: the redactor must find them as names here.
ORDINARY_NAMES = ["Will", "Hope", "Grace", "May", "Bill", "Rose", "Mark", "Joy", "Dawn", "Frank"]
SURNAMES = [
    "Patel",
    "Smith",
    "Jones",
    "Khan",
    "Okafor",
    "Nowak",
    "Kowalczyk",
    "Adeyemi",
    "Siddiqui",
    "Robson",
    "Charlton",
    "Armstrong",
    "Milburn",
    "Hussain",
    "Begum",
    "Wojcik",
    "MacLeod",
    "O'Brien",
    "Davies",
    "Evans",
    "Pritchard",
    "Mensah",
    "Achebe",
    "Dunn",
    "Thompson",
    "Hall",
    "Bell",
    "Scott",
    "Reid",
    "Fraser",
]
TITLES = ["Mrs", "Mr", "Ms", "Miss", "Dr", "Dr.", "Nurse", "Sister", "Cllr"]
STREETS = [
    "Church Street",
    "Mill Lane",
    "Station Road",
    "Victoria Terrace",
    "Elm Grove",
    "Coronation Close",
    "Park View",
    "High Street",
    "Oakfield Gardens",
    "Saltwell Road",
    "Durham Rd",
    "Windy Nook Rd",
]
POSTCODES = [
    "NE8 1HH",
    "ne8 1hh",
    "NE81HH",
    "NE8  1HH",
    "ne9 5aw",
    "DH1 3HP",
    "dh13hp",
    "SR2 7LT",
    "EH10 6th",
    "EH10 6TH",
    "NE10 8QE",
    "ne10 8qe",
    "LS6 2AB",
    "m14 5rs",
    "M14  5RS",
    "NE9 6SX",
    "NE 9 6SX",
    "Ne11 9Bp",
]
PHONES = [
    "07700 900123",
    "07700900456",
    "07700 900 789",
    "0191 496 0123",
    "0191 4960456",
    "(0191) 496 0789",
    "+44 7700 900321",
    "020 7946 0958",
    "07700-900-654",
    "0113 496 0000",
]
EMAILS = [
    "joan.smith@example.com",
    "b.khan@example.org",
    "dave1962@example.co.uk",
    "carers.group@example.net",
    "MAUREEN.R@EXAMPLE.COM",
    "lynn_p@example.org",
]
DATES_OF_BIRTH = [
    "DOB 12/03/1945",
    "date of birth 3.7.1950",
    "born on 4th March 1938",
    "d.o.b. 21-11-1960",
    "born 14 August 1947",
    "DOB: 02/02/1952",
]

PRAISE = [
    "{name} was so kind to my mum, nothing was too much trouble.",
    "I want to say thank you to {name} who came every morning.",
    "{name} from the reablement team really listened to us.",
    "the carer {name} is always on time and makes me laugh",
    "Special thanks to {name} and {name2} at the day centre.",
    "My social worker {name} sorted my care plan in a week.",
    "{name} helped me fill in the forms, I couldnt have done it alone.",
    "we would be lost without {name}, she is a star",
    "Please pass on my thanks to {name}, she went above and beyond.",
    "Our key worker {name} explains everything in easy words.",
    "The best thing was {name}. {name2} was lovely too.",
    "Thanks {name} for sorting the ramp!!",
    "{name} rang me back the same day which never happens",
    "i just want to say {name} is brilliant",
    "My daughter {name} does my shopping but she works full time.",
]
COMPLAINTS = [
    "My reference is {ref} and I still have not heard back.",
    "I complained in March, case number {ref}, and nobody replied.",
    "Crew no{crew}. Incident no {incident}. They were late and rude.",
    "The ambulance (incident {incident}) took four hours to come.",
    "my account number is {account} and the bill is wrong again",
    "Ref: {ref}. Third time I have written about the same thing.",
    "I was given job number {account} and told to wait.",
    "My NHS number is {nhs} and they still lost my notes.",
    "They asked for my NI number {ni} three times.",
    "my nhs no is {nhs} if you need to check",
    "Claim {incident} was refused with no reason given.",
    "They wrote {incident} on my letter but nobody knows what it means.",
]
CONTACT = [
    "Ring me on {phone} if you want to know more.",
    "you can call my son on {phone} he deals with it now",
    "Email me at {email} and I will tell you more.",
    "Contact my daughter {phone} or {email}.",
    "text me on {phone} because i cant hear on the phone",
    "I rang {phone} about my care plan and was on hold for 40 minutes.",
]
ADDRESSES = [
    "Please write to me at {address}, {postcode}.",
    "I live at {postcode} and the bus stop is too far for my walker.",
    "The carers keep going to {address} instead of my house.",
    "my address is {address_lower} {postcode}",
    "Flat {flat}, {address}, they never fixed the lift.",
    "We moved to {postcode} last year and had to start again.",
    "Send the easy read letter to {postcode} please, that is my sisters house",
    "Post code {postcode}. Nobody has been to assess the garden.",
]
BIRTH = [
    "My mum, {dob}, has dementia and waited 6 months for a bed.",
    "I am 79 ({dob}) and cannot use a computer.",
    "{dob}. I have been asking for a stair lift since the spring.",
]
TITLED = [
    "{title} {surname} never listens to what I say about my pain.",
    "{title} {surname} was the only one who explained things to me.",
    "I saw {title} {surname} on Tuesday and she changed my tablets.",
    "{title_lower} said she would ring back and didnt",
    "The surgery sent me to {title} {first} {surname} who was very good.",
]
AMBIGUOUS = [
    "{word} was brilliant with my dad.",
    "My carer {word} is lovely.",
    "Thanks to {word} {surname} for all the help.",
    "We would like to see {word} again next week.",
    "{word} always makes time for a chat.",
    "The nurse, {word}, came out at night.",
]

CLEAN_OPENINGS = [
    "The staff were kind and listened to what I needed.",
    "I will tell my friends about the group.",
    "I hope the day centre stays open.",
    "We were given a grace period to pay the bill.",
    "You may want to ask people who do not use computers.",
    "My bill went up again this year and I cannot afford it.",
    "The carers come at 10:30 but sometimes at 2pm.",
    "I waited 3 weeks for a call back.",
    "The number 56 bus is always late.",
    "It cost £25 to get a taxi to the hospital.",
    "The lift on the 2nd floor has been broken since 2024.",
    "I went in May and again in June.",
    "My sister helps me with the shopping.",
    "Will someone please fix the ramp?",
    "Hope is all we have left some days.",
    "the form was too long and the words were too hard",
    "Age UK helped me fill in the form.",
    "The council should ask carers what they need.",
    "I liked the easy read letter with pictures.",
    "Meals on Wheels is a lifeline for my mum.",
    "The Queen Elizabeth Hospital car park is too small.",
    "We need more benches on the way to the shops.",
    "I speak Polish and there was nobody to help me.",
    "I do not have a phone or e-mail.",
    "The NHS and social services need to talk to each other.",
    "They said they would ring on Monday and never did.",
    "It took 4 months to get a stair lift.",
    "Our group meets every Thursday at the church hall.",
    "Christmas is lonely when the day centre is shut.",
    "I get about 8 hours of care a week.",
    "The A1 is too busy to cross near the shops.",
    "My mum is 92 and lives on her own in Gateshead.",
    "I moved from Newcastle to Durham last year.",
    "The GP surgery on the high street is very good.",
    "Nothing changes however many times we tell you.",
    "the carer was lovely but she was always rushed",
    "Please make the text bigger, I cant read it.",
    "I was born here and lived here all my life.",
    "The person at the desk was rude to me.",
    "Sister on the ward was kind.",
    "Dr on call did not come out.",
    "Frankly the service has got worse.",
    "May I say the new staff are very good.",
    "We grew roses in the community garden.",
    "I mark the days off on the calendar until the visit.",
    "It was a joy to meet other carers.",
    "At dawn the carers are already on the road.",
    "the bus to the Metro Centre takes 45 minutes",
    "I am a carer for my husband who has MS.",
    "Please keep the Tuesday group going.",
    "Thank you to the Carers Centre and Social Services.",
    "Boots pharmacy delivers my tablets now.",
    "I live near Saltwell Park and walk there every day.",
    "Bill payments are confusing and the letters are hard to read.",
    "Frank and honest talks with staff would help.",
    "Grace and dignity matter when you need help to wash.",
    "I waited 45 minutes in Ward 23 for a nurse.",
    "We paid £12000 for care last year.",
    "The 3 Church groups in the village help a lot.",
    "Carers Week was a good idea but nobody told us.",
    "Dawn visits are too early for my dad.",
    "Room 101 at the Civic Centre has no hearing loop.",
    "I read about it on Facebook and in the Chronicle.",
    "Gateshead Council and Newcastle Hospitals should share notes.",
    "My son drove me up the A167 to the Freeman Hospital.",
]
CLEAN_ENDINGS = [
    "",
    " Thank you.",
    " Thanks for asking.",
    " It has been like this for 2 years.",
    " Please do something.",
    " I hope this helps.",
    " Keep up the good work.",
    " Nobody listens.",
    " We will see.",
    " It is not good enough!",
]


FRAMES = [*PRAISE, *COMPLAINTS, *CONTACT, *ADDRESSES, *BIRTH, *TITLED, *AMBIGUOUS]


def comment_with_details(rng: random.Random, frame: str) -> dict:
    """Return one comment with personal details and the details as written in it."""
    values = _values(rng)
    text = frame.format(**values)
    details = [values[key] for key in _keys(frame) if key in _DETAIL_KEYS]
    if frame.islower() or rng.random() < 0.1:
        text, details = text.lower(), [detail.lower() for detail in details]
    return {"text": text, "details": sorted(set(details), key=text.index)}


_DETAIL_KEYS = {
    "name", "name2", "ref", "crew", "incident", "account", "nhs", "ni", "phone", "email",
    "postcode", "dob", "word", "surname", "first", "title_lower", "address", "address_lower",
}  # fmt: skip


def _values(rng: random.Random) -> dict:
    house = str(rng.randint(1, 240))
    street = rng.choice(STREETS)
    title = rng.choice(TITLES)
    surname = rng.choice(SURNAMES)
    first = rng.choice(FIRST)
    name = first if rng.random() < 0.7 else f"{first} {rng.choice(SURNAMES)}"
    return {
        "name": name,
        "name2": rng.choice([n for n in FIRST if n not in name]),
        "ref": rng.choice([str(rng.randint(10000, 99999999)), f"CAS-{rng.randint(1000, 99999)}"]),
        "crew": str(rng.randint(1000, 9999)),
        "incident": str(rng.randint(10000000, 99999999)),
        "account": str(rng.randint(100000, 9999999)),
        "nhs": _nhs_number(rng),
        "ni": rng.choice(["AB 12 34 56 C", "JK987654A", "jk 98 76 54 a", "NP 00 11 22 D"]),
        "phone": rng.choice(PHONES),
        "email": rng.choice(EMAILS),
        "postcode": rng.choice(POSTCODES),
        "dob": rng.choice(DATES_OF_BIRTH),
        "word": rng.choice(ORDINARY_NAMES),
        "title": title,
        "surname": surname,
        "first": first,
        "title_lower": f"{rng.choice(['mrs', 'mr', 'dr'])} {surname.lower()}",
        "address": f"{house} {street}",
        "address_lower": f"{house} {street}".lower(),
        "flat": str(rng.randint(1, 30)),
    }


def _keys(frame: str) -> list[str]:
    return [part.split("}")[0] for part in frame.split("{")[1:]]


def _nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            number = "".join(map(str, digits)) + str(check)
            return rng.choice([number, f"{number[:3]} {number[3:6]} {number[6:]}"])


def clean_comments(rng: random.Random) -> list[str]:
    """Return distinct comments with no personal details, some in lower case."""
    found: list[str] = []
    pairs = [(a, b) for a in CLEAN_OPENINGS for b in CLEAN_OPENINGS if a != b]
    rng.shuffle(pairs)
    for first, second in pairs:
        text = f"{first} {second}{rng.choice(CLEAN_ENDINGS)}"
        if rng.random() < 0.15:
            text = text.lower()
        if text not in found:
            found.append(text)
        if len(found) == CLEAN:
            break
    return [*CLEAN_OPENINGS, *found][:CLEAN]


def main() -> None:
    rng = random.Random(11)
    with_details: list[dict] = []
    while len(with_details) < WITH_DETAILS:
        # Every frame once, then frames at random (praise of named staff twice as often).
        frame = FRAMES[len(with_details)] if len(with_details) < len(FRAMES) else None
        groups = [PRAISE, PRAISE, COMPLAINTS, CONTACT, ADDRESSES, BIRTH, TITLED, AMBIGUOUS]
        item = comment_with_details(rng, frame or rng.choice(rng.choice(groups)))
        if item["text"] not in {existing["text"] for existing in with_details}:
            with_details.append(item)
    corpus = {"with_details": with_details, "clean": clean_comments(rng)}
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(with_details)} comments with details and {len(corpus['clean'])} clean ones")


if __name__ == "__main__":
    main()
