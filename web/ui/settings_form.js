// The settings form, built from the engine's settings schema (sent by the worker with `ready`): one
// labelled input per setting the schema puts on the page, with its allowed values and description,
// and the engine's message for a setting shown next to its field.
const numberTypes = new Set(['integer', 'number']);

export class SettingsForm {
  constructor(container, messageElement, schema) {
    this.container = container;
    this.message = messageElement;
    this.schema = schema;
    this.inputs = new Map();
    for (const spec of schema.filter((s) => s.onPage)) this.addField(spec);
  }

  // Every key the engine accepts (URL parameters, <gan-demo> attributes).
  get keys() {
    return this.schema.flatMap((spec) => spec.keys);
  }

  addField(spec) {
    const row = document.createElement('div');
    row.className = 'field';
    const id = `setting-${spec.key}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = spec.label;
    let input;
    if (spec.type === 'choice') {
      input = document.createElement('select');
      for (const { value, label: text } of spec.choices) input.append(new Option(text, value));
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.min = String(spec.min);
      input.max = String(spec.max);
      input.step = spec.type === 'integer' ? '1' : 'any';
      input.inputMode = 'decimal';
    }
    input.id = id;
    input.name = spec.key;
    input.title = spec.description;
    const hint = document.createElement('span');
    hint.className = 'hint range';
    hint.id = `${id}-range`;
    hint.textContent = numberTypes.has(spec.type) ? `${spec.allowed.replace(/^an? \w+ in /, '')}${spec.unit ? ` ${spec.unit}` : ''}` : '';
    const error = document.createElement('span');
    error.className = 'field-error';
    error.id = `${id}-error`;
    error.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', `${hint.id} ${error.id}`);
    row.append(label, input, hint, error);
    this.container.append(row);
    this.inputs.set(spec.key, { input, error, spec });
  }

  // A line under a field (e.g. the preset's time per epoch); empty text removes it.
  setNote(key, text) {
    const entry = this.inputs.get(key);
    if (!entry) return;
    entry.note ??= Object.assign(document.createElement('p'), { className: 'hint field-note', id: `setting-${key}-note` });
    entry.note.textContent = text;
    if (text && !entry.note.isConnected) {
      entry.input.closest('.field').after(entry.note);
      entry.input.setAttribute('aria-describedby', `${entry.input.getAttribute('aria-describedby')} ${entry.note.id}`);
    }
    entry.note.hidden = !text;
  }

  values() {
    const out = {};
    for (const [key, { input }] of this.inputs) out[key] = input.value.trim();
    return out;
  }

  // Shows settings ({ key: value }); keys the form has no field for are left alone.
  set(values) {
    for (const [key, value] of Object.entries(values)) {
      const entry = this.inputs.get(key);
      if (entry) entry.input.value = String(value);
    }
  }

  // The schema's defaults of a preset, for every field.
  presetDefaults(preset) {
    return Object.fromEntries([...this.inputs.values()].map(({ spec }) => [spec.key, spec.defaults[preset]]));
  }

  // errors: [{ field, message }] from the engine; each is shown next to its field, all in the summary.
  showErrors(errors) {
    this.clearErrors();
    const lines = errors.map(({ field, message }) => {
      const entry = this.inputs.get(field);
      const text = `${entry?.spec.label ?? field} ${message}`;
      if (entry) {
        entry.error.textContent = text;
        entry.input.setAttribute('aria-invalid', 'true');
      }
      return text;
    });
    this.message.textContent = lines.join('; ');
    this.message.hidden = false;
  }

  clearErrors() {
    for (const { input, error } of this.inputs.values()) {
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
    this.message.hidden = true;
    this.message.textContent = '';
  }

  onChange(listener) {
    for (const [key, { input }] of this.inputs) input.addEventListener('change', () => listener(key));
  }
}
