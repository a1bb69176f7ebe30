'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createBatchSchema } from '@/lib/payouts/schemas';
import { createBatchAction } from './actions';

type FormInput = z.input<typeof createBatchSchema>;
type FormOutput = z.output<typeof createBatchSchema>;

/**
 * The request id comes with the page: a double click, or a retry after a lost answer, sends the
 * same id, and the server answers with the batch it already created.
 */
export function CreateBatchForm({ requestId, assets }: { requestId: string; assets: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createBatchSchema),
    defaultValues: { requestId, asset: '', accounts: '' },
  });

  async function onSubmit(values: FormOutput) {
    setError(null);
    const result = await createBatchAction({
      requestId: values.requestId,
      asset: values.asset,
      accounts: values.accounts.join('\n'),
    });
    if (!result.ok) {
      setError(result.error);
      for (const [name, message] of Object.entries(result.fieldErrors ?? {}))
        setFieldError(name as keyof FormInput, { message });
      return;
    }
    setCreated(true);
    router.push(`/finance/payouts/${result.data.batchId}`);
  }

  return (
    <form
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      className="form"
      aria-labelledby="create-batch-heading"
    >
      <h2 id="create-batch-heading">New batch</h2>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <input type="hidden" {...register('requestId')} />
      <div className="field">
        <label htmlFor="batch-asset">Asset</label>
        <select id="batch-asset" {...register('asset')} aria-describedby="batch-asset-hint">
          <option value="">All assets</option>
          {assets.map((asset) => (
            <option key={asset} value={asset}>
              {asset}
            </option>
          ))}
        </select>
        <p id="batch-asset-hint" className="muted">
          Only assets with lines waiting for payout are listed.
        </p>
        {errors.asset && <p className="field-error">{errors.asset.message}</p>}
      </div>
      <div className="field">
        <label htmlFor="batch-accounts">Accounts (optional)</label>
        <textarea
          id="batch-accounts"
          rows={3}
          aria-invalid={Boolean(errors.accounts)}
          aria-describedby="batch-accounts-hint"
          {...register('accounts')}
        />
        <p id="batch-accounts-hint" className="muted">
          One account id per line to pay only those accounts; leave empty for every eligible one.
        </p>
        {errors.accounts && <p className="field-error">{errors.accounts.message}</p>}
      </div>
      <div>
        <button type="submit" className="button" disabled={isSubmitting || created}>
          Create batch
        </button>
        {(isSubmitting || created) && <span role="status"> Creating the batch…</span>}
      </div>
    </form>
  );
}
