// The settings form: one labelled input per setting with its allowed range, and the engine's message
// shown next to the field it is about.
import { settingsFields } from '../settings_fields.js';

export const presetDefaults = {
  'keras-dense': { lr: 0.0002, beta1: 0.5, step: 'keras' },
  'tf-dense': { lr: 0.001, beta1: 0.9, step: 'joint' },
  'fashion-dense': { lr: 0.0002, beta1: 0.5, step: 'keras' },
};

export class SettingsForm {
  constructor(container, messageElement) {
    this.container = container;
    this.message = messageElement;
    this.inputs = new Map();
    for (const field of settingsFields) this.addField(field);
  }

  addField(field) {
    const row = document.createElement('div');
    row.className = 'field';
    const id = `setting-${field.key}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = field.label;
    let input;
    if (field.type === 'select') {
      input = document.createElement('select');
      for (const [value, text] of field.options) input.append(new Option(text, value, false, value === field.value));
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.value = String(field.value);
      input.min = String(field.min);
      input.max = String(field.max);
      input.step = String(field.step);
      input.inputMode = 'decimal';
    }
    input.id = id;
    input.name = field.key;
    const hint = document.createElement('span');
    hint.className = 'hint range';
    hint.id = `${id}-range`;
    hint.textContent = field.type === 'select' ? '' : `${field.min} – ${field.max}${field.unit ? ` ${field.unit}` : ''}`;
    const error = document.createElement('span');
    error.className = 'field-error';
    error.id = `${id}-error`;
    error.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', `${hint.id} ${error.id}`);
    row.append(label, input, hint, error);
    this.container.append(row);
    this.inputs.set(field.key, { input, error, field });
  }

  values() {
    const out = {};
    for (const [key, { input, field }] of this.inputs) out[key] = field.type === 'number' ? input.value.trim() : input.value;
    return out;
  }

  set(values) {
    for (const [key, value] of Object.entries(values)) {
      const entry = this.inputs.get(key);
      if (entry) entry.input.value = String(value);
    }
  }

  // Checks what the browser can check before asking the engine; returns a message or null.
  localError(key) {
    const { input, field } = this.inputs.get(key);
    if (field.type !== 'number') return null;
    const text = input.value.trim();
    const value = Number(text);
    const min = Number(input.min), max = Number(input.max);
    if (text === '' || !Number.isFinite(value)) return `${field.label}: enter a number in ${min} – ${max}`;
    if (value < min || value > max) return `${field.label} must be in ${min} – ${max}, got ${text}`;
    if (field.step === 1 && !Number.isInteger(value)) return `${field.label} must be a whole number, got ${text}`;
    return null;
  }

  showError(key, message) {
    this.clearErrors();
    const entry = key && this.inputs.get(key);
    if (entry) {
      entry.error.textContent = message;
      entry.input.setAttribute('aria-invalid', 'true');
    }
    this.message.textContent = message;
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

  setDisabled(disabled) {
    for (const { input } of this.inputs.values()) input.disabled = disabled;
  }
}
