// "Read aloud" on a question page (docs/accessibility.md K5): the browser's own speech synthesis reads
// the question, its hint, any error and each answer, in the page's language. Nothing goes
// over the network. The button says "Stop reading" while it speaks and stops when pressed.
// Without speech synthesis the button stays hidden (the template hides it).

const PARTS = [
  "main h1",
  "main .govuk-hint",
  "main .govuk-error-message",
  "main .govuk-radios__label",
  "main .govuk-checkboxes__label",
];

function wordsToRead() {
  // querySelectorAll keeps document order, so the words are read in the order they show.
  return Array.from(document.querySelectorAll(PARTS.join(", ")))
    .filter((element) => !element.closest("[hidden], .heard-honeypot"))
    .map((element) => element.textContent.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

export function start(element) {
  const speech = window.speechSynthesis;
  if (!speech || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  const button = element.querySelector("button");
  const label = element.querySelector(".heard-read-aloud__words");
  const lang = document.documentElement.lang || "en";
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
    const parts = wordsToRead();
    show(true, press);
    parts.forEach((words, index) => {
      const utterance = new window.SpeechSynthesisUtterance(words);
      utterance.lang = lang;
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
