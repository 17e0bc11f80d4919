// Announces milestones to screen readers through an ARIA live region (training started, paused, epoch N).
export class Announcer {
  constructor(element) {
    this.element = element;
  }

  say(text) {
    this.element.textContent = '';
    // A fresh text node in the next frame makes screen readers announce repeated messages too.
    requestAnimationFrame(() => { this.element.textContent = text; });
  }
}
