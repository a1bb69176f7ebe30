'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import {
  adjustFormSchema,
  rejectAdjustmentSchema,
  rejectDisputeSchema,
  type AdjustForm,
  type RejectAdjustmentForm,
  type RejectForm,
} from '@/lib/disputes/schemas';
import { OutcomeMessage, useStepOutcome } from '../../step-outcome';
import {
  adjustClaimAction,
  approveAdjustmentAction,
  rejectAdjustmentAction,
  rejectDisputeAction,
} from '../actions';
import styles from '../../finance.module.css';

export type AdjustableLine = { asset: string; current: string; expected: string };

export function AdjustClaimForm({
  disputeId,
  lines,
}: {
  disputeId: number;
  lines: AdjustableLine[];
}) {
  const { outcome, finish } = useStepOutcome();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AdjustForm>({
    resolver: zodResolver(adjustFormSchema),
    defaultValues: {
      lines: lines.map((l) => ({ asset: l.asset, amount: l.expected, chosen: true })),
      reason: '',
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    const chosen = values.lines.flatMap((line, index) => (line.chosen ? [{ line, index }] : []));
    const result = await adjustClaimAction({
      disputeId,
      lines: chosen.map(({ line }) => ({ asset: line.asset, amount: line.amount })),
      reason: values.reason,
    });
    finish(
      result,
      'Adjustment proposed. Another finance user must approve it before the claim changes.',
      (name, message) => {
        // The server numbers the chosen lines; the form numbers all of them.
        const match = /^lines\.([0-9]+)\.amount$/.exec(name);
        const original = match ? chosen[Number(match[1])]?.index : undefined;
        if (original !== undefined) setError(`lines.${original}.amount`, { message });
        else if (name === 'reason') setError('reason', { message });
      },
    );
  });

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="adjust-heading">
      <h2 id="adjust-heading">Adjust the claim</h2>
      <OutcomeMessage outcome={outcome} />
      {errors.lines?.root?.message || errors.lines?.message ? (
        <p className="field-error">{errors.lines?.root?.message ?? errors.lines?.message}</p>
      ) : null}
      {lines.map((line, index) => {
        const error = errors.lines?.[index]?.amount?.message;
        return (
          <fieldset key={line.asset} className="field">
            <legend className={styles.lineChoice}>
              <input
                id={`adjust-${index}-chosen`}
                type="checkbox"
                {...register(`lines.${index}.chosen`)}
              />
              <label htmlFor={`adjust-${index}-chosen`}>
                Adjust {line.asset} (claim now {line.current})
              </label>
            </legend>
            <label htmlFor={`adjust-${index}-amount`}>New claim for {line.asset}</label>
            <input
              id={`adjust-${index}-amount`}
              inputMode="decimal"
              autoComplete="off"
              className="amount"
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `adjust-${index}-error` : undefined}
              {...register(`lines.${index}.amount`)}
            />
            {error && (
              <p id={`adjust-${index}-error`} className="field-error">
                {error}
              </p>
            )}
          </fieldset>
        );
      })}
      <div className="field">
        <label htmlFor="adjust-reason">Reason for the adjustment</label>
        <textarea
          id="adjust-reason"
          rows={3}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby="adjust-reason-hint"
          {...register('reason')}
        />
        <p id="adjust-reason-hint" className="muted">
          The claimant will read this.
        </p>
        {errors.reason && <p className="field-error">{errors.reason.message}</p>}
      </div>
      <div>
        <button type="submit" className="button" disabled={isSubmitting}>
          Adjust claim
        </button>
      </div>
    </form>
  );
}

export function RejectDisputeForm({ disputeId }: { disputeId: number }) {
  const { outcome, finish } = useStepOutcome();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RejectForm>({
    resolver: zodResolver(rejectDisputeSchema),
    defaultValues: { disputeId, reason: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    finish(
      await rejectDisputeAction(values),
      'Dispute rejected. The claimant will read your reason.',
      (name, message) => {
        if (name === 'reason') setError('reason', { message });
      },
    );
  });
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="reject-heading">
      <h2 id="reject-heading">Reject the dispute</h2>
      <OutcomeMessage outcome={outcome} />
      <div className="field">
        <label htmlFor="reject-reason">Reason for rejecting</label>
        <textarea
          id="reject-reason"
          rows={3}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby="reject-reason-hint"
          {...register('reason')}
        />
        <p id="reject-reason-hint" className="muted">
          The claimant will read this. Their claim stays as it is.
        </p>
        {errors.reason && <p className="field-error">{errors.reason.message}</p>}
      </div>
      <div>
        <button type="submit" className="button danger" disabled={isSubmitting}>
          Reject dispute
        </button>
      </div>
    </form>
  );
}

/** The second officer's decision on a proposed adjustment. The server refuses its own maker. */
export function DecideAdjustmentForms({ proposalId }: { proposalId: number }) {
  const { outcome, setOutcome, finish } = useStepOutcome();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RejectAdjustmentForm>({
    resolver: zodResolver(rejectAdjustmentSchema),
    defaultValues: { proposalId, reason: '' },
  });
  async function approve() {
    setOutcome(null);
    finish(
      await approveAdjustmentAction({ proposalId }),
      'Adjustment approved. The claimant will be asked to acknowledge the new claim.',
      () => undefined,
    );
  }
  const onReject = handleSubmit(async (values) => {
    finish(
      await rejectAdjustmentAction(values),
      'Adjustment rejected. The claim is unchanged and the dispute stays open.',
      (name, message) => {
        if (name === 'reason') setError('reason', { message });
      },
    );
  });
  return (
    <div className="form">
      <OutcomeMessage outcome={outcome} />
      <div>
        <button type="button" className="button" disabled={isSubmitting} onClick={approve}>
          Approve adjustment
        </button>
      </div>
      <form noValidate onSubmit={onReject} aria-label="Reject the proposed adjustment">
        <div className="field">
          <label htmlFor="reject-adjustment-reason">Reason for rejecting the adjustment</label>
          <textarea
            id="reject-adjustment-reason"
            rows={2}
            aria-invalid={Boolean(errors.reason)}
            {...register('reason')}
          />
          {errors.reason && <p className="field-error">{errors.reason.message}</p>}
        </div>
        <button type="submit" className="button danger" disabled={isSubmitting}>
          Reject adjustment
        </button>
      </form>
    </div>
  );
}
