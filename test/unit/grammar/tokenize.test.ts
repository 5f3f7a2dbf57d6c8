import { describe, expect, it } from 'vitest';
import { decodeSlackText, encodeToken, tokenize } from '../../../src/domain/grammar/tokenize.ts';

const texts = (input: string) => {
  const result = tokenize(input);
  if (!result.ok) throw new Error(result.message);
  return result.tokens.map((t) => t.text);
};

describe('tokenize', () => {
  it.each([
    ['space list', ['space', 'list']],
    ['  space\t list \n', ['space', 'list']],
    ['org create "Acme ML"', ['org', 'create', 'Acme ML']],
    ["org create 'Acme ML'", ['org', 'create', 'Acme ML']],
    ['org create “Acme ML”', ['org', 'create', 'Acme ML']],
    ['org create ‘Acme ML’', ['org', 'create', 'Acme ML']],
    ['org create „Acme ML“', ['org', 'create', 'Acme ML']],
    ['org create ”Acme ML”', ['org', 'create', 'Acme ML']],
    ['--name="Jane Doe"', ['--name=Jane Doe']],
    ['"say \\"hi\\" \\\\ there"', ['say "hi" \\ there']],
    ["'no \\escape'", ['no \\escape']],
    ['""', ['']],
    ['a""b', ['a""b']],
    ["user update O'Brien", ['user', 'update', "O'Brien"]],
    ['--space production,"Acme ML",staging', ['--space', 'production,Acme ML,staging']],
    ['--space production,“Acme ML”', ['--space', 'production,Acme ML']],
    ["--reason fine,'tis", ['--reason', "fine,'tis"]],
    ['Bob’s', ['Bob’s']],
    ['<mailto:a@b.com|a@b.com>', ['a@b.com']],
    ['<@U123ABC|jane>', ['<@U123ABC>']],
    ['<@W123>', ['<@W123>']],
    ['<#C42|general>', ['#general']],
    ['<#C42>', ['#C42']],
    ['<!here>', ['@here']],
    ['<!subteam^S1|@ops>', ['@ops']],
    ['<http://acme.io|acme.io>', ['acme.io']],
    ['<https://x.io/a b>', ['https://x.io/a b']],
    ['a&lt;b&gt;c&amp;d', ['a<b>c&d']],
    ['&amp;lt;', ['&lt;']],
    ['<unclosed', ['<unclosed']],
    ['—org x', ['--org', 'x']],
    ['–org x', ['--org', 'x']],
    ['— x', ['—', 'x']],
    ['x=—y', ['x=—y']],
  ])('splits %j into %j', (input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it.each([
    ['--org x', [true, false]],
    ['"--org" x', [false, false]],
    ['—org x', [true, false]],
    ['x --', [false, true]],
    ['-h', [false]],
  ])('marks flag-like tokens in %j', (input, expected) => {
    const result = tokenize(input);
    expect(result.ok && result.tokens.map((t) => t.flagLike)).toEqual(expected);
  });

  it.each([
    ['org create "Acme', '"'],
    ["org create 'Acme", "'"],
    ['org create “Acme', '“'],
    ['--name="Jane', '"'],
  ])('refuses the unclosed quote in %j', (input, quote) => {
    const result = tokenize(input);
    expect(result).toEqual({
      ok: false,
      message: `Unclosed quote ${quote} in the command: close it or remove it.`,
    });
  });
});

describe('decodeSlackText', () => {
  it.each([
    ['plain', 'plain'],
    ['<@U1|a> and <@U2>', '<@U1> and <@U2>'],
    ['<mailto:x@y.io>', 'x@y.io'],
    ['&lt;@U1&gt;', '<@U1>'],
  ])('decodes %j as %j', (input, expected) => {
    expect(decodeSlackText(input)).toBe(expected);
  });
});

describe('encodeToken', () => {
  it.each([
    ['plain', 'plain'],
    ['', '""'],
    ['a b', '"a b"'],
    ['--x', '"--x"'],
    ['—x', '"—x"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['<@U1>', '&lt;@U1&gt;'],
    ['a&b', 'a&amp;b'],
    ["O'Brien", '"O\'Brien"'],
  ])('encodes %j as %j and reads it back', (value, encoded) => {
    expect(encodeToken(value)).toBe(encoded);
    expect(texts(encoded)).toEqual([value]);
  });
});
