'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import {
  EXPLANATION_MAX_CHARS,
  MAX_REFERENCES,
  disputeFormSchema,
  type DisputeFormInput,
} from '@/lib/claims/dispute-rules';
import { characterCount } from '@/lib/validation/text';
import { openDisputeAction } from './actions';
import styles from './claim.module.css';

export type DisputeOption = { asset: string; name: string; decimals: number; claim: string };

const EMPTY_LINE = { asset: '', expected: '' };

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

/** The claimant names the lines in question, the amount they expect for each, and why. */
export function DisputeForm({ version, options }: { version: string; options: DisputeOption[] }) {
  const router = useRouter();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<DisputeFormInput>({
    resolver: zodResolver(disputeFormSchema),
    defaultValues: { version, lines: [EMPTY_LINE], explanation: '', references: '' },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const chosen = useWatch({ control, name: 'lines' });
  const explanationLength = characterCount(useWatch({ control, name: 'explanation' }).trim());
  const byAsset = new Map(options.map((option) => [option.asset, option]));

  useEffect(() => setValue('version', version), [version, setValue]);

  async function onSubmit(values: DisputeFormInput) {
    setServerError(null);
    const result = await openDisputeAction({ ...values, version });
    if (!result.ok) {
      setServerError(result.error);
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) {
        setError(name as FieldPath<DisputeFormInput>, { message });
      }
      router.refresh();
      return;
    }
    setOpen(false);
    router.refresh();
  }

  const panelId = `${formId}-panel`;
  return (
    <div>
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Dispute claim
      </button>
      <div id={panelId} hidden={!open}>
        <form
          onSubmit={handleSubmit(onSubmit)}
          noValidate
          className="form"
          aria-labelledby={`${formId}-title`}
        >
          <h3 id={`${formId}-title`}>Dispute your claim</h3>
          <p className="muted">
            Tell us which lines you believe are wrong and what you expected. Finance reviews every
            dispute and answers here; until then your claim is not paid.
          </p>
          {serverError && (
            <p role="alert" className="alert error">
              {serverError}
            </p>
          )}
          {errors.lines?.root?.message || errors.lines?.message ? (
            <p className="field-error">{errors.lines?.root?.message ?? errors.lines?.message}</p>
          ) : null}
          {fields.map((field, index) => {
            const number = index + 1;
            const option = byAsset.get(chosen[index]?.asset ?? '');
            const assetError = errors.lines?.[index]?.asset?.message;
            const expectedError = errors.lines?.[index]?.expected?.message;
            const base = `${formId}-line-${index}`;
            return (
              <fieldset key={field.id} className={styles.lineRow}>
                <legend className={styles.visuallyHidden}>Line {number} in question</legend>
                <div className="field">
                  <label htmlFor={`${base}-asset`}>Line {number}: asset</label>
                  <select
                    id={`${base}-asset`}
                    aria-invalid={Boolean(assetError)}
                    aria-describedby={assetError ? `${base}-asset-error` : undefined}
                    {...register(`lines.${index}.asset`)}
                  >
                    <option value="">Choose a line…</option>
                    {options.map((o) => (
                      <option key={o.asset} value={o.asset}>
                        {o.asset} ({o.name})
                      </option>
                    ))}
                  </select>
                  <FieldError id={`${base}-asset-error`} message={assetError} />
                </div>
                <div className="field">
                  <label htmlFor={`${base}-expected`}>
                    Line {number}: amount you expect{option ? ` (${option.asset})` : ''}
                  </label>
                  <input
                    id={`${base}-expected`}
                    inputMode="decimal"
                    autoComplete="off"
                    aria-invalid={Boolean(expectedError)}
                    aria-describedby={`${base}-hint${expectedError ? ` ${base}-expected-error` : ''}`}
                    {...register(`lines.${index}.expected`)}
                  />
                  <p id={`${base}-hint`} className={styles.hint}>
                    {option
                      ? `Your claim: ${option.claim} ${option.asset}. Up to ${option.decimals} decimal places.`
                      : 'Digits and a "." only, e.g. 0.5'}
                  </p>
                  <FieldError id={`${base}-expected-error`} message={expectedError} />
                </div>
                {fields.length > 1 && (
                  <button
                    type="button"
                    className={`button secondary ${styles.removeButton}`}
                    onClick={() => remove(index)}
                  >
                    Remove line {number}
                  </button>
                )}
              </fieldset>
            );
          })}
          {fields.length < options.length && (
            <div>
              <button type="button" className="button secondary" onClick={() => append(EMPTY_LINE)}>
                Add another line
              </button>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${formId}-explanation`}>Explanation</label>
            <textarea
              id={`${formId}-explanation`}
              rows={5}
              maxLength={EXPLANATION_MAX_CHARS}
              aria-invalid={Boolean(errors.explanation)}
              aria-describedby={`${formId}-explanation-hint${errors.explanation ? ` ${formId}-explanation-error` : ''}`}
              {...register('explanation')}
            />
            <p id={`${formId}-explanation-hint`} className={styles.hint}>
              What do you believe is wrong, and why? 10 to {EXPLANATION_MAX_CHARS} characters (
              {explanationLength} so far).
            </p>
            <FieldError id={`${formId}-explanation-error`} message={errors.explanation?.message} />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-references`}>References (optional)</label>
            <textarea
              id={`${formId}-references`}
              rows={3}
              aria-invalid={Boolean(errors.references)}
              aria-describedby={`${formId}-references-hint${errors.references ? ` ${formId}-references-error` : ''}`}
              {...register('references')}
            />
            <p id={`${formId}-references-hint`} className={styles.hint}>
              Transaction ids or other references that support your dispute, one per line, up to{' '}
              {MAX_REFERENCES}.
            </p>
            <FieldError id={`${formId}-references-error`} message={errors.references?.message} />
          </div>
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={isSubmitting}>
              Submit dispute
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
