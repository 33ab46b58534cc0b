// The pre-chat form: the configured fields, validated on submit (first name required, email `local@domain`),
// errors linked to their field and announced. Starting the chat is the store's `start()`.

import type { GuestInfo } from '../store/types';
import { EMAIL } from './linkify';
import { reactive } from './reactive';
import type { Ui } from './ui';

const AUTOCOMPLETE = { firstName: 'given-name', lastName: 'family-name', email: 'email', phoneNumber: 'tel' };

export const PrechatForm = reactive(({ ui }: { ui: Ui }) => {
  const { t } = ui.i18n;
  const fields = ui.config.prechatFields;
  const errors = ui.errors.value;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const guest: GuestInfo = {};
    for (const f of fields) {
      const value = (form.elements.namedItem(f) as HTMLInputElement).value.trim();
      if (value) guest[f] = value;
    }
    const found: typeof errors = {};
    if (fields.includes('firstName') && !guest.firstName) found.firstName = 'needName';
    if (guest.email && !EMAIL.test(guest.email)) found.email = 'badEmail';
    ui.errors.value = found;
    const bad = fields.find((f) => found[f]);
    if (bad) return (form.elements.namedItem(bad) as HTMLInputElement).focus();
    guest.displayName = [guest.firstName, guest.lastName].filter(Boolean).join(' ') || t.CUSTOMER;
    // The form goes away while the chat starts; focus waits on the window, then moves to the composer.
    ui.win?.focus();
    ui.start(guest);
  };

  return (
    <form noValidate onSubmit={submit}>
      {fields.map((f) => {
        const error = errors[f];
        const id = `p-${f}`;
        const required = f == 'firstName';
        return (
          <div key={f}>
            <label for={id}>
              {t[f]}
              {required && (
                <span class="req" aria-hidden>
                  {' *'}
                </span>
              )}
            </label>
            <input
              id={id}
              name={f}
              // Preact's types tie `role` to each literal `type`; all three here are plain textboxes.
              type={(f == 'email' ? f : f == 'phoneNumber' ? 'tel' : 'text') as 'text'}
              autocomplete={AUTOCOMPLETE[f]}
              required={required}
              aria-invalid={!!error || undefined}
              aria-describedby={error && `${id}-err`}
              dir="auto"
              defaultValue={ui.guest[f]}
            />
            {error && (
              <p id={`${id}-err`} class="ferr" role="alert">
                {t[error]}
              </p>
            )}
          </div>
        );
      })}
      <button class="btn pri">{t.startChat}</button>
    </form>
  );
});
