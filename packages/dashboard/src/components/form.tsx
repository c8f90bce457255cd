import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n';

interface FieldShell {
  label: ReactNode;
  /** The server's (or the form's own) message for this field, shown under it and announced with it. */
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
}

function FieldFrame({ id, label, error, hint, required, children }: FieldShell & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t.required})</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function described(id: string, error?: string | null, hint?: ReactNode): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type InputProps = FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { onValue(value: string): void };

/** A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). */
export function TextField({ label, error, hint, required, onValue, ...input }: InputProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        required={required}
        {...input}
        onChange={(event) => onValue(event.target.value)}
      />
    </FieldFrame>
  );
}

type SelectProps = FieldShell &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { onValue(value: string): void; children: ReactNode };

export function SelectField({ label, error, hint, required, onValue, children, ...select }: SelectProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        required={required}
        {...select}
        onChange={(event) => onValue(event.target.value)}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** What a form says after submitting: errors no field shows (an alert), or what was done. */
export function FormMessage({ errors, done }: { errors?: readonly string[]; done?: ReactNode }) {
  if (errors?.length) {
    return (
      <div className="notice notice-error" role="alert">
        {errors.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
    );
  }
  if (done) {
    return (
      <div className="notice notice-success" role="status">
        <p>{done}</p>
      </div>
    );
  }
  return null;
}
