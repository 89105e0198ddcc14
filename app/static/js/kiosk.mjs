// The kiosk idle timer (docs/bad-input.md REL-5; docs/accessibility.md K1, K2; WCAG 2.2.1). Any touch,
// click or key press starts the wait again. After data-idle-seconds of nothing, the "Are you
// still there?" dialog opens with focus on "I need more time"; pressing it (any number of
// times) closes the dialog and starts the wait again. After data-warning-seconds more with
// no answer, the start-again form sends the journey token: the server deletes the draft and
// shows the start screen, so the next person sees nothing of this one's answers.

const ACTIVITY = ["pointerdown", "keydown", "touchstart", "wheel", "input"];

export function start(element) {
  const dialog = element.querySelector("dialog");
  const moreTime = element.querySelector(".heard-kiosk__more-time");
  const seconds = element.querySelector(".heard-kiosk__seconds");
  const form = element.querySelector("form");
  const idleMs = Number(element.dataset.idleSeconds) * 1000;
  const warningSeconds = Number(element.dataset.warningSeconds);
  if (!dialog || typeof dialog.showModal !== "function" || !(idleMs > 0) || !(warningSeconds > 0)) {
    return;
  }
  let idleTimer = null;
  let countdown = null;
  let deadline = 0;
  let leaving = false;
  let returnFocusTo = null;

  function waitForIdle() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(askIfStillThere, idleMs);
  }

  function secondsLeft() {
    return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  }

  function tick() {
    const left = secondsLeft();
    seconds.textContent = String(left);
    if (left === 0) {
      startAgain();
    }
  }

  function askIfStillThere() {
    returnFocusTo = document.activeElement;
    deadline = Date.now() + warningSeconds * 1000;
    seconds.textContent = String(warningSeconds);
    dialog.showModal();
    moreTime.focus();
    countdown = window.setInterval(tick, 1000);
  }

  function stillHere() {
    if (leaving) {
      return;
    }
    window.clearInterval(countdown);
    if (dialog.open) {
      dialog.close();
      if (returnFocusTo && document.contains(returnFocusTo)) {
        returnFocusTo.focus();
      }
    }
    waitForIdle();
  }

  function startAgain() {
    leaving = true;
    window.clearInterval(countdown);
    window.clearTimeout(idleTimer);
    form.submit();
  }

  moreTime.addEventListener("click", stillHere);
  // Escape closes a modal dialog: take it as "I need more time" too.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stillHere();
  });
  for (const name of ACTIVITY) {
    // While the dialog is open only its button (or Escape) answers it, so the question is
    // never dismissed by accident; outside it, any activity means someone is there.
    document.addEventListener(name, () => dialog.open || leaving || waitForIdle(), {
      capture: true,
      passive: true,
    });
  }
  waitForIdle();
}
