import { formatCommand } from '../../domain/grammar/format-command.ts';
import { spaceList } from '../../domain/operations/space-operations.ts';
import { defineExecutor } from './executor.ts';

const pageSize = 20;

export const spaceExecutors = {
  [spaceList.id]: defineExecutor(spaceList, async (args, { gateway, resolver }) => {
    const org = args.org ? await resolver.organization(args.org) : undefined;
    const page = await gateway.listSpaces({
      orgId: org?.id,
      name: args.name,
      cursor: args.cursor,
      limit: pageSize,
    });
    const scope = [
      org ? `in ${org.name}` : 'in all organizations',
      args.name ? `matching "${args.name}"` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      kind: 'list',
      title: 'Spaces',
      context: scope,
      empty: 'No spaces found.',
      items: page.items.map((space) => ({
        title: space.name,
        id: space.id,
        fields: [
          { label: 'visibility', value: space.isPrivate ? 'private' : 'public' },
          ...(space.description ? [{ label: 'description', value: space.description }] : []),
        ],
      })),
      ...(page.nextCursor
        ? {
            more: {
              label: 'More spaces',
              command: formatCommand(spaceList, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
  }),
};
