import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

export const userCreateCommand: Command = {
  name: 'user:create',
  usage:
    'user:create --email E --role claimant|finance|admin [--account ID] --password P [--totp-secret BASE32]',
  summary: 'create a login',
  async run(argv) {
    const { values } = parseOptions(argv, {
      email: { type: 'string' },
      role: { type: 'string' },
      account: { type: 'string' },
      password: { type: 'string' },
      'totp-secret': { type: 'string' },
    });
    if (!values.email || !values.role || !values.password) {
      throw new UsageError('--email, --role and --password are required');
    }
    try {
      const user = await createUser(getDb(), {
        email: values.email,
        role: values.role as never,
        accountId: values.account,
        password: values.password,
        totpSecret: values['totp-secret'],
      });
      console.log(`Created ${user.role} login ${user.email} (id ${user.id})`);
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.userMessage);
      throw error;
    }
  },
};
