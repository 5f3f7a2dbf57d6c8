import { help } from '../../domain/operations/help-operations.ts';
import { helpReply } from '../../domain/operations/help-reply.ts';
import type { Reply } from '../../domain/reply.ts';
import { describeAccess } from '../access/describe-access.ts';
import { defineExecutor } from './executor.ts';

export const helpExecutors = {
  [help.id]: defineExecutor(help, async (args, ctx): Promise<Reply> => {
    const reply = helpReply(ctx.catalogue, args.topic);
    // `help request` also says what this person may ask for, and who approves it.
    if (args.topic?.[0]?.toLowerCase() !== 'request' || !ctx.access) return reply;
    const fields = await describeAccess(ctx.access, ctx.requester.userId, { withScopes: false });
    if (reply.kind === 'detail') return { ...reply, fields: [...fields, ...reply.fields] };
    if (reply.kind === 'list') {
      return { ...reply, items: [{ title: 'What you may ask for', fields }, ...reply.items] };
    }
    return reply;
  }),
};
