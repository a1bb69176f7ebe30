'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { ROLES } from '@/db/schema';
import { createLoginSchema } from '@/lib/users/create-user-schema';
import { createUserAction } from './actions';

type FormInput = z.input<typeof createLoginSchema>;
type FormOutput = z.output<typeof createLoginSchema>;

const optional = {
  setValueAs: (value: string) => (value.trim() === '' ? undefined : value.trim()),
};

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

export function CreateUserForm() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createLoginSchema),
    defaultValues: { email: '', role: 'claimant', password: '' },
  });
  const role = useWatch({ control, name: 'role' });

  const onSubmit = handleSubmit(async (values) => {
    const result = await createUserAction(values);
    if (result.ok) {
      setOutcome({
        kind: 'ok',
        text: result.data.awaitingApproval
          ? `Login ${result.data.email} requested: a different admin must approve it before it exists. It enrols its own authenticator on first sign-in.`
          : `Login ${result.data.email} created.`,
      });
      reset();
      router.refresh();
      return;
    }
    setOutcome({ kind: 'error', text: result.error });
    for (const [name, message] of Object.entries(result.fieldErrors ?? {}))
      setError(name as keyof FormInput, { message });
  });

  const described = (name: keyof FormInput) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `user-${name}-error` } : {};

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">New login</h2>
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={`alert ${outcome.kind}`}>
          {outcome.text}
        </p>
      )}
      <div className="field">
        <label htmlFor="user-email">Email</label>
        <input
          id="user-email"
          type="email"
          autoComplete="off"
          {...described('email')}
          {...register('email')}
        />
        <FieldError id="user-email-error" message={errors.email?.message} />
      </div>
      <div className="field">
        <label htmlFor="user-role">Role</label>
        <select id="user-role" {...described('role')} {...register('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <FieldError id="user-role-error" message={errors.role?.message} />
      </div>
      {role === 'claimant' && (
        <div className="field">
          <label htmlFor="user-accountId">Account id</label>
          <input
            id="user-accountId"
            autoComplete="off"
            {...described('accountId')}
            {...register('accountId', optional)}
          />
          <FieldError id="user-accountId-error" message={errors.accountId?.message} />
        </div>
      )}
      <div className="field">
        <label htmlFor="user-password">Initial password</label>
        <input
          id="user-password"
          type="password"
          autoComplete="new-password"
          {...described('password')}
          {...register('password')}
        />
        <FieldError id="user-password-error" message={errors.password?.message} />
      </div>
      <div>
        <button type="submit" className="button" disabled={isSubmitting}>
          Create login
        </button>
      </div>
    </form>
  );
}
