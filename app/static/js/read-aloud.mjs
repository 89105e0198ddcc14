// "Read aloud" (docs/accessibility.md K5): the browser's own speech synthesis reads the page.
// On a question page (data-reads="question") it reads the question, its hint, any error and
// each answer; on the other resident pages (data-reads="page": start, check your answers,
// confirmation, saved, kiosk start, you said we did) every heading, paragraph, list item and
// answer in the main content, in the order they show. Each piece of text is spoken in its own
// language's voice: the nearest `lang` attribute says which, so survey words not yet translated
// (marked lang="en" on a Welsh or Arabic page) are read in English and the rest in the page's
// language. Nothing goes over the network. The button says "Stop reading" while it speaks and
// stops when pressed. Without speech synthesis the button stays hidden (the template hides it).

const PARTS = {
  question: [
    "main h1",
    "main .govuk-hint",
    "main .govuk-error-message",
    "main .govuk-radios__label",
    "main .govuk-checkboxes__label",
  ],
  page: [
    "main h1",
    "main h2",
    "main h3",
    "main p",
    "main li",
    "main .govuk-summary-list__key",
    "main .govuk-summary-list__value",
    "main .govuk-panel__body",
    "main .govuk-button",
  ],
};

function languageOf(node, pageLang) {
  const marked = node.parentElement && node.parentElement.closest("[lang]");
  return (marked && marked.lang) || pageLang;
}

function piecesOf(element, pageLang) {
  // One piece per run of text in the same language, in the order it shows.
  const pieces = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest(".govuk-visually-hidden, [hidden]")) {
      continue;
    }
    const lang = languageOf(node, pageLang);
    const last = pieces[pieces.length - 1];
    if (last && last.lang === lang) {
      last.words += node.textContent;
    } else {
      pieces.push({ words: node.textContent, lang });
    }
  }
  return pieces
    .map((piece) => ({ words: piece.words.replace(/\s+/g, " ").trim(), lang: piece.lang }))
    .filter((piece) => piece.words);
}

function wordsToRead(parts, pageLang) {
  // querySelectorAll keeps document order, so the words are read in the order they show.
  const found = Array.from(document.querySelectorAll(parts.join(", "))).filter(
    (element) => !element.closest("[hidden], .heard-honeypot, .heard-read-aloud, .govuk-visually-hidden"),
  );
  // Each text once: a paragraph inside a list item is read with the item.
  return found
    .filter((element) => !found.some((other) => other !== element && other.contains(element)))
    .flatMap((element) => piecesOf(element, pageLang));
}

export function start(element) {
  const speech = window.speechSynthesis;
  if (!speech || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  const button = element.querySelector("button");
  const label = element.querySelector(".heard-read-aloud__words");
  const pageLang = document.documentElement.lang || "en";
  const parts = PARTS[element.dataset.reads] || PARTS.question;
  let reading = 0; // which press is speaking; 0 when quiet. Late events of a stopped one are ignored.
  let presses = 0;

  function show(speaking, press) {
    reading = speaking ? press : 0;
    label.textContent = speaking ? element.dataset.stopWords : element.dataset.readWords;
  }

  button.addEventListener("click", () => {
    if (reading) {
      show(false);
      speech.cancel();
      return;
    }
    const press = ++presses;
    const pieces = wordsToRead(parts, pageLang);
    show(true, press);
    pieces.forEach((part, index) => {
      const utterance = new window.SpeechSynthesisUtterance(part.words);
      utterance.lang = part.lang;
      utterance.rate = 0.9;
      if (index === pieces.length - 1) {
        utterance.addEventListener("end", () => reading === press && show(false));
      }
      utterance.addEventListener("error", () => reading === press && show(false));
      speech.speak(utterance);
    });
  });
  element.hidden = false;
}
