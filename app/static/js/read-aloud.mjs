// "Read aloud" on a question page (docs/accessibility.md K5): the browser's own speech synthesis reads
// the question, its hint, any error and each answer. Each piece of text is spoken in its own
// language's voice: the nearest `lang` attribute says which, so survey words not yet translated
// (marked lang="en" on a Welsh or Arabic page) are read in English and the rest in the page's
// language. Nothing goes over the network. The button says "Stop reading" while it speaks and
// stops when pressed. Without speech synthesis the button stays hidden (the template hides it).

const PARTS = [
  "main h1",
  "main .govuk-hint",
  "main .govuk-error-message",
  "main .govuk-radios__label",
  "main .govuk-checkboxes__label",
];

function languageOf(node, pageLang) {
  const marked = node.parentElement && node.parentElement.closest("[lang]");
  return (marked && marked.lang) || pageLang;
}

function piecesOf(element, pageLang) {
  // One piece per run of text in the same language, in the order it shows.
  const pieces = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
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

function wordsToRead(pageLang) {
  // querySelectorAll keeps document order, so the words are read in the order they show.
  return Array.from(document.querySelectorAll(PARTS.join(", ")))
    .filter((element) => !element.closest("[hidden], .heard-honeypot"))
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
    const parts = wordsToRead(pageLang);
    show(true, press);
    parts.forEach((part, index) => {
      const utterance = new window.SpeechSynthesisUtterance(part.words);
      utterance.lang = part.lang;
      utterance.rate = 0.9;
      if (index === parts.length - 1) {
        utterance.addEventListener("end", () => reading === press && show(false));
      }
      utterance.addEventListener("error", () => reading === press && show(false));
      speech.speak(utterance);
    });
  });
  element.hidden = false;
}
