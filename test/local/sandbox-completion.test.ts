import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import {
  type CompletionNames,
  completeCommand,
} from '../../src/local/slack-standin/sandbox-completion.ts';

/** Names as the demo account has them: two organizations, each with a space called production. */
const NAMES: CompletionNames = {
  orgs: ['Acme ML', 'Research Lab'],
  spaces: [
    { name: 'production', org: 'Acme ML' },
    { name: 'staging', org: 'Acme ML' },
    { name: 'fraud-detection', org: 'Acme ML' },
    { name: 'experiments', org: 'Research Lab' },
    { name: 'production', org: 'Research Lab' },
  ],
  users: [
    { email: 'alice@example.com', name: 'Alice Admin' },
    { email: 'carol@example.com', name: 'Carol Operator' },
  ],
};
const labels = (text: string) => completeCommand(text, NAMES).items.map((i) => i.label);

describe('composer completion from the catalogue and the emulated account', () => {
  it('offers the command words, with or without the leading /arize', () => {
    expect(labels('')).toEqual(expect.arrayContaining(['space', 'org', 'user']));
    expect(completeCommand('/arize sp', NAMES)).toEqual({
      from: 7,
      items: [{ insert: 'space', label: 'space', detail: expect.stringMatching(/^\d+ commands$/) }],
    });
    const spaceWords = completeCommand('space de', NAMES).items;
    expect(spaceWords).toEqual([
      { insert: 'delete', label: 'delete', detail: expect.stringContaining('Delete a space') },
    ]);
  });

  it('offers space names with their organizations after space delete, then its flags', () => {
    const { from, items } = completeCommand('space delete ', NAMES);
    expect(from).toBe(13);
    expect(items[0]).toEqual({
      insert: 'production',
      label: 'production',
      detail: 'space in Acme ML, Research Lab',
    });
    expect(items.map((i) => i.label)).toContain('staging');
    expect(labels('space delete sta')).toEqual(['staging']);
    expect(labels('space delete staging ')).toEqual(['--org ORG']);
  });

  it('quotes organization names with spaces, also when the word is begun with a quote', () => {
    const { from, items } = completeCommand('space list --org "Res', NAMES);
    expect(from).toBe(17);
    expect(items.map((i) => i.insert)).toEqual(['"Research Lab"']);
    expect(completeCommand('space list --org ', NAMES).items.map((i) => i.insert)).toEqual([
      '"Acme ML"',
      '"Research Lab"',
    ]);
  });

  it('offers users by e-mail, roles for --role, and only the flags not used yet', () => {
    expect(completeCommand('space add-user ca', NAMES).items).toEqual([
      { insert: 'carol@example.com', label: 'carol@example.com', detail: 'Carol Operator' },
    ]);
    expect(labels('space add-user carol@example.com --space staging --role ')).toEqual([
      'admin',
      'member',
      'read-only',
      'annotator',
    ]);
    const flags = labels('space list --org "Acme ML" --');
    expect(flags).toContain('--name TEXT');
    expect(flags).not.toContain('--org ORG');
  });

  it('completes the part after the last comma of a list of users, keeping what is before it', () => {
    expect(completeCommand('space add-user alice@example.com,ca', NAMES)).toEqual({
      from: 'space add-user alice@example.com,'.length,
      items: [
        { insert: 'carol@example.com', label: 'carol@example.com', detail: 'Carol Operator' },
      ],
    });
    expect(labels('space add-user alice@example.com,')).toEqual(['carol@example.com']);
    expect(labels('/arize space add-user carol@example.com,alice@example.com,')).toEqual([]);
  });

  it('completes a list of spaces after a comma, and closes a quote opened before it', () => {
    const typed = 'space add-user carol@example.com --space production,sta';
    expect(completeCommand(typed, NAMES)).toEqual({
      from: typed.length - 3,
      items: [{ insert: 'staging', label: 'staging', detail: 'space in Acme ML' }],
    });
    expect(labels('space add-user carol@example.com --space production,')).not.toContain(
      'production',
    );
    const quoted = completeCommand('space add-user carol@example.com --space "staging,fra', NAMES);
    expect(quoted.items.map((i) => i.insert)).toEqual(['fraud-detection"']);
  });

  it('quotes a spaced name after a comma so that the command parses as the two spaces', () => {
    const names = { ...NAMES, spaces: [...NAMES.spaces, { name: 'ML Ops', org: 'Research Lab' }] };
    const typed = 'space add-user carol@example.com --space production,ML';
    const { from, items } = completeCommand(typed, names);
    const accepted = `${typed.slice(0, from)}${items[0]?.insert} --role member`;
    expect(accepted).toBe(
      'space add-user carol@example.com --space production,"ML Ops" --role member',
    );
    const result = parseCommand(accepted, catalogue);
    expect(result.ok && result.command.args.space).toEqual(['production', 'ML Ops']);
  });

  it('leaves a comma in a value that is not a list alone', () => {
    expect(completeCommand('space list --org Acme,Res', NAMES)).toEqual({
      from: 'space list --org '.length,
      items: [],
    });
  });

  it('offers nothing for free text, or an unknown command; an open quote still completes', () => {
    expect(labels('space create churn --description ')).toEqual([]);
    expect(labels('frobnicate ')).toEqual([]);
    expect(labels('space list --org "Acme ML')).toEqual(['Acme ML']);
  });
});
