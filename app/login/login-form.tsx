'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { loginSchema, nextSignInStep, type LoginInput } from '@/lib/auth/login-schema';
import { enrolmentKeyAction } from './actions';

type Step = { step: 'password' } | { step: 'code' } | { step: 'enrol'; secret: string };

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ step: 'password' });
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({ resolver: zodResolver(loginSchema) });

  async function onSubmit(values: LoginInput) {
    setError(null);
    const codeWasSent = step.step !== 'password' && Boolean(values.code);
    const result = await signIn('credentials', { ...values, redirect: false });
    if (result && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    const next = nextSignInStep(result?.error, codeWasSent);
    if (next.step === 'error') setError(next.message);
    else if (next.step === 'enrol' && step.step !== 'enrol') await showEnrolmentKey(values);
    else if (next.step === 'code' && step.step !== 'code') setStep(next);
  }

  /** The key comes in a POST's response body, so that it is in no URL or browser history. */
  async function showEnrolmentKey(values: LoginInput) {
    const offer = await enrolmentKeyAction({ email: values.email, password: values.password });
    if (offer.ok) setStep({ step: 'enrol', secret: offer.data.secret });
    else setError(offer.error);
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="form">
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        error={errors.email?.message}
        {...register('email')}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password')}
      />
      {step.step === 'enrol' && <Enrolment secret={step.secret} />}
      {step.step !== 'password' && (
        <Field
          id="code"
          label="Code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="The 6-digit code your authenticator app shows for Makewhole."
          error={errors.code?.message}
          {...register('code')}
        />
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function Enrolment({ secret }: { secret: string }) {
  return (
    <div className="alert warn" role="status">
      <p>
        <strong>Set up two-factor sign-in.</strong> Staff logins need an authenticator app. Add this
        key to it (as a time-based key for Makewhole), then type the code it shows:
      </p>
      <p className="amount" aria-label="Authenticator key">
        {secret.replace(/(.{4})/g, '$1 ').trim()}
      </p>
    </div>
  );
}

type FieldProps = UseFormRegisterReturn & {
  id: string;
  label: string;
  type: string;
  autoComplete: string;
  inputMode?: 'numeric';
  hint?: string;
  error?: string;
};

function Field({ id, label, hint, error, ...input }: FieldProps) {
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
      <input id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
