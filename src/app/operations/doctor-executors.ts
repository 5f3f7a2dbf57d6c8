import { AppError } from '../../domain/errors.ts';
import { doctor } from '../../domain/operations/doctor-operations.ts';
import type { ListItem, Reply } from '../../domain/reply.ts';
import type { DoctorCheck } from '../doctor/doctor-check.ts';
import { defineExecutor } from './executor.ts';

const itemOf = (check: DoctorCheck): ListItem => ({
  title: `${check.ok ? '✓' : '✗'} ${check.title}`,
  fields: [
    { label: check.ok ? 'found' : 'problem', value: check.detail },
    ...(check.fix ? [{ label: 'fix', value: check.fix }] : []),
  ],
});

export const doctorExecutors = {
  [doctor.id]: defineExecutor(doctor, async (_args, ctx): Promise<Reply> => {
    if (!ctx.doctor) throw new AppError('INTERNAL', '/arize doctor runs only in the worker.');
    const checks = await ctx.doctor();
    const failures = checks.filter((check) => !check.ok).length;
    return {
      kind: 'list',
      title: failures === 0 ? 'arize-ops is healthy' : `arize-ops: ${failures} problem(s) to fix`,
      context: `${checks.length - failures} of ${checks.length} checks pass`,
      items: checks.map(itemOf),
      empty: 'No checks ran.',
    };
  }),
};
