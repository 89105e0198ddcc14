// The kiosk's confirmation page: back to the start screen for the next person after
// data-seconds, and say so. Without JavaScript the "Start again for the next person"
// button does the same.

export function start(element) {
  const seconds = Number(element.dataset.seconds);
  const notice = element.querySelector(".heard-next-person__notice");
  if (!(seconds > 0) || !element.dataset.url) {
    return;
  }
  if (notice) {
    notice.hidden = false;
  }
  window.setTimeout(() => window.location.assign(element.dataset.url), seconds * 1000);
}
