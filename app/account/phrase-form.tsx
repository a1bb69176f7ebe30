'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '@/app/activate/field';
import { phraseSchema, type PhraseInput } from '@/lib/onboarding/schemas';
import { savePhraseAction } from './actions';

export function PhraseForm({ current }: { current: string | null }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const form = useForm<PhraseInput>({
    resolver: zodResolver(phraseSchema),
    defaultValues: { phrase: current ?? '' },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: PhraseInput) {
    setResult(null);
    const saved = await savePhraseAction(values);
    if (!saved.ok) {
      if (saved.fieldErrors?.phrase) form.setError('phrase', { message: saved.fieldErrors.phrase });
      setResult({ ok: false, message: saved.error });
      return;
    }
    setResult({ ok: true, message: 'Saved. Look for your phrase at the top of every page.' });
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="form">
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={`alert ${result.ok ? 'ok' : 'error'}`}>
          {result.message}
        </p>
      )}
      <Field
        id="phrase"
        label="Anti-phishing phrase"
        error={errors.phrase?.message}
        hint="4 to 60 characters, for example: Blue heron at dawn"
      >
        <input id="phrase" autoComplete="off" {...form.register('phrase')} />
      </Field>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save phrase'}
      </button>
    </form>
  );
}
