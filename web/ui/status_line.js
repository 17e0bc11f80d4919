// The training panel's one status line (#data-message): what the data and the run are doing, or what
// went wrong. Errors are styled as such until the next plain message.
export class StatusLine {
  constructor(element) {
    this.element = element;
  }

  say(text) {
    this.element.classList.remove('error');
    this.element.textContent = text;
  }

  error(text) {
    this.element.textContent = text;
    this.element.classList.add('error');
  }

  // Runs an engine request; a failure is shown here. → its result, or null when it failed.
  async attempt(action) {
    try {
      return await action();
    } catch (error) {
      this.error(error.message);
      return null;
    }
  }
}
