import { help } from '../../domain/operations/help-operations.ts';
import { helpReply } from '../../domain/operations/help-reply.ts';
import { defineExecutor } from './executor.ts';

export const helpExecutors = {
  [help.id]: defineExecutor(help, async (args, { catalogue }) => helpReply(catalogue, args.topic)),
};
