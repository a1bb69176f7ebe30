'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useForm } from 'react-hook-form';
import {
  cancelBatchSchema,
  executeBatchSchema,
  type CancelBatchForm,
  type ExecuteBatchForm,
} from '@/lib/payouts/schemas';
import { OutcomeMessage, useStepOutcome } from '../../step-outcome';
import { approveBatchAction, cancelBatchAction, executeBatchAction } from '../actions';

/** The creator sees why they cannot approve; the server refuses them whatever they send. */
export function ApproveBatch({ batchId, isCreator }: { batchId: number; isCreator: boolean }) {
  const router = useRouter();
  const { outcome, setOutcome } = useStepOutcome();
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="form"
      aria-labelledby="approve-heading"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await approveBatchAction({ batchId });
          setOutcome(
            result.ok
              ? { kind: 'ok', text: 'Batch approved.' }
              : { kind: 'error', text: result.error },
          );
          router.refresh();
        });
      }}
    >
      <h3 id="approve-heading">Approve</h3>
      <OutcomeMessage outcome={outcome} />
      {isCreator && (
        <p id="approve-refused" className="alert warn">
          You created this batch: another finance user must approve it.
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button"
          disabled={pending || isCreator}
          aria-describedby={isCreator ? 'approve-refused' : undefined}
        >
          Approve batch
        </button>
      </div>
    </form>
  );
}

export function ExecuteBatch({ batchId }: { batchId: number }) {
  const { outcome, finish } = useStepOutcome();
  const form = useForm<ExecuteBatchForm>({
    resolver: zodResolver(executeBatchSchema),
    defaultValues: { batchId, reference: '' },
  });
  const onSubmit = form.handleSubmit(async (values) =>
    finish(
      await executeBatchAction(values),
      'Batch executed: the payments are recorded in the ledger.',
      (name, message) => form.setError(name as keyof ExecuteBatchForm, { message }),
    ),
  );
  const error = form.formState.errors.reference?.message;
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="execute-heading">
      <h3 id="execute-heading">Execute</h3>
      <OutcomeMessage outcome={outcome} />
      <div className="field">
        <label htmlFor="execute-reference">Reference</label>
        <input
          id="execute-reference"
          autoComplete="off"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'execute-reference-error' : 'execute-reference-hint'}
          {...form.register('reference')}
        />
        <p id="execute-reference-hint" className="muted">
          The transaction hash or internal credit id of the payment that was made.
        </p>
        {error && (
          <p id="execute-reference-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          Execute batch
        </button>
      </div>
    </form>
  );
}

export function CancelBatch({ batchId }: { batchId: number }) {
  const { outcome, finish } = useStepOutcome();
  const form = useForm<CancelBatchForm>({
    resolver: zodResolver(cancelBatchSchema),
    defaultValues: { batchId, reason: '' },
  });
  const onSubmit = form.handleSubmit(async (values) =>
    finish(
      await cancelBatchAction(values),
      'Batch cancelled: its lines can be batched again.',
      (name, message) => form.setError(name as keyof CancelBatchForm, { message }),
    ),
  );
  const error = form.formState.errors.reason?.message;
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel</h3>
      <OutcomeMessage outcome={outcome} />
      <div className="field">
        <label htmlFor="cancel-reason">Reason for cancelling</label>
        <textarea
          id="cancel-reason"
          rows={2}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'cancel-reason-error' : undefined}
          {...form.register('reason')}
        />
        {error && (
          <p id="cancel-reason-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button danger" disabled={form.formState.isSubmitting}>
          Cancel batch
        </button>
      </div>
    </form>
  );
}
