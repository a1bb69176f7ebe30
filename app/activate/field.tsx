import { cloneElement, type ReactElement } from 'react';
import styles from './activate.module.css';

type InputProps = { 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/** A labelled input with its hint and error, wired for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactElement<InputProps>;
}) {
  const { id, label, error, hint } = props;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(props.children, {
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className={`muted ${styles.hint}`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
