'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActivateForm } from '@/app/activate/activate-form';
import { Field } from '@/app/activate/field';
import { requestCodeAction } from '@/app/activate/actions';
import { requestCodeSchema, type RequestCodeInput } from '@/lib/onboarding/schemas';

/** Asks for a code by email, then takes it (and a new password) on the same page. */
export function ForgotPasswordForm() {
  const [sent, setSent] = useState<{ email: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<RequestCodeInput>({ resolver: zodResolver(requestCodeSchema) });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: RequestCodeInput) {
    setError(null);
    const result = await requestCodeAction(values);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSent({ email: values.email, message: result.data.message });
  }

  if (sent) {
    return (
      <>
        <p role="status" className="alert ok">
          {sent.message}
        </p>
        <ActivateForm initialEmail={sent.email} />
      </>
    );
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="form">
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <Field id="email" label="Email" error={errors.email?.message}>
        <input id="email" type="email" autoComplete="username" {...form.register('email')} />
      </Field>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send me a code'}
      </button>
    </form>
  );
}
