// The kiosk's confirmation page: back to the start screen for the next person after
// data-seconds, and say so. It sends the page's "Start again for the next person" form,
// which ends this visit on the server (so Back shows the start screen, not this page);
// without JavaScript the button does the same.

export function start(form) {
  const seconds = Number(form.dataset.seconds);
  const notice = form.querySelector(".heard-next-person__notice");
  if (!(seconds > 0) || typeof form.submit !== "function") {
    return;
  }
  if (notice) {
    notice.hidden = false;
  }
  window.setTimeout(() => form.submit(), seconds * 1000);
}
