'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import {
  codeStepSchema,
  passwordStepSchema,
  type CodeStepInput,
  type PasswordStepInput,
} from '@/lib/onboarding/schemas';
import { MIN_PASSWORD_LENGTH } from '@/lib/onboarding/password-rules';
import { checkCodeAction, choosePasswordAction } from './actions';
import { Field } from './field';
import styles from './activate.module.css';

type Accepted = { email: string; code: string; purpose: 'invite' | 'reset' };

/** Email and code, then a password: the claimant is signed in at the end. */
export function ActivateForm({ initialEmail }: { initialEmail?: string }) {
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!accepted) {
    return (
      <CodeStep
        initialEmail={initialEmail}
        error={error}
        onAccepted={(next) => {
          setError(null);
          setAccepted(next);
        }}
      />
    );
  }
  return (
    <PasswordStep
      accepted={accepted}
      onCodeRefused={(message) => {
        setError(message);
        setAccepted(null);
      }}
    />
  );
}

function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string> | undefined,
) {
  for (const [field, message] of Object.entries(fieldErrors ?? {})) {
    setError(field as Path<T>, { message });
  }
}

function Alert({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="alert error">
      {message}
    </p>
  ) : null;
}

function CodeStep(props: {
  initialEmail?: string;
  error: string | null;
  onAccepted: (accepted: Accepted) => void;
}) {
  const [error, setError] = useState<string | null>(props.error);
  const form = useForm<CodeStepInput>({
    resolver: zodResolver(codeStepSchema),
    defaultValues: { email: props.initialEmail ?? '', code: '' },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: CodeStepInput) {
    setError(null);
    const result = await checkCodeAction(values);
    if (!result.ok) {
      setError(result.error);
      applyFieldErrors(form.setError, result.fieldErrors);
      return;
    }
    props.onAccepted({ email: result.data.email, code: values.code, purpose: result.data.purpose });
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="form">
      <Alert message={error} />
      <Field id="email" label="Email" error={errors.email?.message}>
        <input id="email" type="email" autoComplete="username" {...form.register('email')} />
      </Field>
      <Field id="code" label="Code" error={errors.code?.message}>
        <input
          id="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXXX-XXXXX"
          {...form.register('code')}
        />
      </Field>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}

function PasswordStep(props: { accepted: Accepted; onCodeRefused: (message: string) => void }) {
  const router = useRouter();
  const { email, code, purpose } = props.accepted;
  const [error, setError] = useState<string | null>(null);
  const form = useForm<PasswordStepInput>({
    resolver: zodResolver(passwordStepSchema),
    defaultValues: { email, code, password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: PasswordStepInput) {
    setError(null);
    const result = await choosePasswordAction(values);
    if (!result.ok) {
      if (result.fieldErrors) applyFieldErrors(form.setError, result.fieldErrors);
      else props.onCodeRefused(result.error);
      return;
    }
    const signedIn = await signIn('credentials', {
      email: result.data.email,
      password: values.password,
      redirect: false,
    });
    if (!signedIn || signedIn.error) {
      setError('Your password is set. Please sign in with it.');
      router.push('/login');
      return;
    }
    router.replace('/');
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="form">
      <p role="status" className={`alert ok ${styles.accepted}`}>
        Code accepted for <strong>{email}</strong>. Now choose a password.
      </p>
      <Alert message={error} />
      <Field
        id="password"
        label={purpose === 'reset' ? 'New password' : 'Password'}
        error={errors.password?.message}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
      >
        <input
          id="password"
          type="password"
          autoComplete="new-password"
          {...form.register('password')}
        />
      </Field>
      <Field id="confirm" label="Confirm password" error={errors.confirm?.message}>
        <input
          id="confirm"
          type="password"
          autoComplete="new-password"
          {...form.register('confirm')}
        />
      </Field>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting
          ? 'Saving…'
          : purpose === 'reset'
            ? 'Set password and sign in'
            : 'Activate and sign in'}
      </button>
    </form>
  );
}
